#include "auth/constant_time.h"

#include <openssl/crypto.h>

namespace ringside {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // The length is not secret (a MAC has a fixed size); only the contents must not leak.
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

} // namespace ringside
