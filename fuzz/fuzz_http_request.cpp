// libFuzzer target: the receiver's HTTP/1.1 request parser (libhttp-parser underneath) with the
// receiver's limits, fed the input in chunks whose sizes the input's first byte chooses, with
// pipelined messages parsed one after another as HttpConnection does. Checks what the parser
// promises: an error has a status and a reason; a complete message never exceeds the limits.
#include "ingest/http_request_parser.h"

#include <cstdint>
#include <cstdlib>

using namespace ringside;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    HttpLimits limits;
    limits.maxHeaderBytes = 4096; // small limits reach their edges in short inputs
    limits.maxBodyBytes = 8192;
    HttpRequestParser parser(limits);
    const size_t chunk = 1 + data[0] % 64;
    const auto *bytes = reinterpret_cast<const char *>(data + 1);
    size_t left = size - 1;
    int messages = 0;
    while (true) {
        const size_t n = left < chunk ? left : chunk;
        HttpRequestParser::Result r = parser.feed(QByteArrayView(bytes, qsizetype(n)));
        bytes += n;
        left -= n;
        // Pipelined requests already buffered: parse them without new bytes.
        while (r == HttpRequestParser::Result::MessageComplete) {
            const HttpRequest request = parser.takeRequest();
            if (request.body.size() > limits.maxBodyBytes || request.method.isEmpty())
                std::abort();
            ++messages;
            parser.reset();
            r = parser.feed({});
        }
        if (r == HttpRequestParser::Result::Error) {
            if (parser.errorStatus() < 400 || parser.errorStatus() > 599 || parser.errorReason().isEmpty())
                std::abort();
            (void)parser.partialRequest();
            break;
        }
        if (left == 0 || messages > 10'000)
            break;
    }
    return 0;
}
