#pragma once

#include <QtGlobal>

namespace ringside {

/** The hard limits one HttpServer enforces on every connection, so that no client can hold
 *  unbounded memory, sockets or time. */
struct HttpLimits
{
    /** Request line plus headers; beyond this the answer is 431. */
    qsizetype maxHeaderBytes = 16 * 1024;
    /** Decoded request body; beyond this the answer is 413, decided before reading it when the
     *  length is declared. */
    qsizetype maxBodyBytes = 1024 * 1024;
    /** From a request's first byte until its headers are complete; also the longest a new
     *  connection may stay silent (when shorter than idleTimeoutMs). */
    int headerTimeoutMs = 10000;
    /** From headers complete until the whole body is in. */
    int bodyTimeoutMs = 30000;
    /** A keep-alive connection with no request in progress. */
    int idleTimeoutMs = 60000;
    /** Open connections; one more gets 503 and is closed. */
    int maxConnections = 1024;
    /** Bytes read ahead of the request being handled (pipelining), and unsent response bytes,
     *  before the connection stops reading: backpressure instead of unbounded buffers. */
    qsizetype maxPipelinedBytes = 64 * 1024;
    /** After a response that closes the connection, how long the client's leftover bytes are
     *  drained before the socket is dropped; closing on unread data would reset the connection
     *  and could destroy the response before the client reads it. */
    int lingerTimeoutMs = 5000;
};

} // namespace ringside
