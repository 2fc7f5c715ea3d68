// libFuzzer target: the delivery worker's HTTP/1.x response parser (what a CRM answers), fed in
// chunks the first byte chooses, ending with the server's close. Checks its promises: a complete
// answer has a final status and keeps at most keptBodyBytes; an error says why.
#include "delivery/http_response_parser.h"

#include <cstdint>
#include <cstdlib>

using namespace ringside;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    HttpClientLimits limits;
    limits.maxHeaderBytes = 2048;
    limits.maxBodyBytes = 4096;
    limits.keptBodyBytes = 1024;
    HttpResponseParser parser(limits);
    const size_t chunk = 1 + data[0] % 64;
    const auto *bytes = reinterpret_cast<const char *>(data + 1);
    size_t left = size - 1;
    HttpResponseParser::Result r = HttpResponseParser::Result::NeedMore;
    while (left > 0 && r == HttpResponseParser::Result::NeedMore) {
        const size_t n = left < chunk ? left : chunk;
        r = parser.feed(QByteArrayView(bytes, qsizetype(n)));
        bytes += n;
        left -= n;
    }
    if (r == HttpResponseParser::Result::NeedMore)
        r = parser.finishAtClose();
    if (r == HttpResponseParser::Result::Complete) {
        const HttpClientResponse response = parser.takeResponse();
        if (response.status < 200 || response.status > 999 || response.body.size() > limits.keptBodyBytes)
            std::abort();
    } else if (r == HttpResponseParser::Result::Error && parser.error().isEmpty()) {
        std::abort();
    }
    return 0;
}
