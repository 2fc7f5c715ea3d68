#include "auth/no_auth.h"

namespace ringside {

AuthResult NoAuth::verify(const HttpRequest &request) const
{
    Q_UNUSED(request)
    return AuthResult::accept();
}

} // namespace ringside
