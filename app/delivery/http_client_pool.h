#pragma once

#include "delivery/http_client_connection.h"

#include <QObject>
#include <QUrl>
#include <deque>

namespace ringside {

/** The keep-alive connections of one sink to its origin: at most maxConnections requests on the
 *  wire at once, the rest wait in order. Lives on the delivery thread. */
class HttpClientPool : public QObject
{
    Q_OBJECT
public:
    using Done = HttpClientConnection::Done;
    struct Options
    {
        int maxConnections = 16;
        int timeoutMs = 30'000; // per request, from send() to the last byte of the answer
        HttpClientLimits limits;
    };

    /** `origin`: any URL of the origin; its path does not matter (requests carry their target). */
    HttpClientPool(const QUrl &origin, const Options &options, QObject *parent = nullptr);

    /** Sends one request; `done` runs exactly once, later, on this thread — unless abandonAll()
     *  comes first. Callers bound their own in-flight work (the worker sends at most its sink's
     *  concurrency at once), so the wait queue is bounded by them. */
    void send(const HttpClientRequest &request, Done done);
    /** Drops every exchange in flight or waiting without calling its `done`; connections close. */
    void abandonAll();
    /** Connections opened so far and not destroyed (tests check keep-alive reuse with it). */
    int connectionCount() const { return int(m_connections.size()); }

private:
    struct Waiting
    {
        QByteArray bytes;
        bool resendIfStale = false;
        QDeadlineTimer deadline;
        Done done;
    };
    void start(HttpClientConnection *connection, Waiting waiting);
    void dispatch();
    void failLater(const QString &error, Done done);

    Options m_options;
    HttpOrigin m_origin;
    QString m_originError;
    QList<HttpClientConnection *> m_connections; // children of this pool
    std::deque<Waiting> m_waiting;
    quint64 m_generation = 0; // abandonAll() makes earlier queued failures moot
};

} // namespace ringside
