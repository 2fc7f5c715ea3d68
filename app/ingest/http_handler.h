#pragma once

#include "core/http_message.h"

#include <functional>

namespace ringside {

/** Sends the one response to a request; call it exactly once, on the server's thread, now or later.
 *  Calling it after the client went away is harmless. */
using HttpRespond = std::function<void(HttpResponse)>;

/** What an HttpServer asks to answer requests; every call happens on the server's thread. */
class HttpHandler
{
public:
    virtual ~HttpHandler() = default;
    /** A complete request (body read). Answer through respond, synchronously or later. */
    virtual void handle(HttpRequest request, HttpRespond respond) = 0;
    /** The server refused a request on its own (400, 408, 413, 431, 503-full) and already answered.
     *  reason is a short label ("malformed", "header_timeout", "body_too_large", ...);
     *  partial holds what was read so far (may be empty). */
    virtual void refused(int status, const QByteArray &reason, const HttpRequest &partial)
    {
        Q_UNUSED(status) Q_UNUSED(reason) Q_UNUSED(partial)
    }
};

} // namespace ringside
