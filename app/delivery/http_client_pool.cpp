#include "delivery/http_client_pool.h"

namespace ringside {

HttpClientPool::HttpClientPool(const QUrl &origin, const Options &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_options.maxConnections = qMax(1, m_options.maxConnections);
    HttpOrigin::fromUrl(origin, &m_origin, &m_originError);
}

void HttpClientPool::send(const HttpClientRequest &request, Done done)
{
    if (!m_originError.isEmpty()) {
        failLater(m_originError, std::move(done));
        return;
    }
    Waiting waiting{{}, request.resendIfStale, QDeadlineTimer(m_options.timeoutMs), std::move(done)};
    QString error;
    if (!request.serialize(m_origin.hostHeader, &waiting.bytes, &error)) {
        failLater(error, std::move(waiting.done));
        return;
    }
    for (HttpClientConnection *c : std::as_const(m_connections)) {
        if (!c->isBusy()) {
            start(c, std::move(waiting));
            return;
        }
    }
    if (m_connections.size() < m_options.maxConnections) {
        auto *c = new HttpClientConnection(m_origin, m_options.limits, this);
        m_connections.append(c);
        start(c, std::move(waiting));
        return;
    }
    m_waiting.push_back(std::move(waiting));
}

void HttpClientPool::start(HttpClientConnection *connection, Waiting waiting)
{
    connection->send(std::move(waiting.bytes), waiting.resendIfStale, waiting.deadline, m_options.timeoutMs,
                     [this, done = std::move(waiting.done)](HttpClientResponse response) {
        done(std::move(response));
        dispatch(); // `done` may have sent again already; whatever still waits takes what is free
    });
}

void HttpClientPool::dispatch()
{
    for (HttpClientConnection *c : std::as_const(m_connections)) {
        if (m_waiting.empty())
            return;
        if (!c->isBusy()) {
            Waiting next = std::move(m_waiting.front());
            m_waiting.pop_front();
            start(c, std::move(next));
        }
    }
}

void HttpClientPool::failLater(const QString &error, Done done)
{
    QMetaObject::invokeMethod(this, [this, generation = m_generation, error, done = std::move(done)] {
        if (generation == m_generation)
            done(HttpClientResponse::failure(error));
    }, Qt::QueuedConnection);
}

void HttpClientPool::abandonAll()
{
    ++m_generation;
    m_waiting.clear();
    for (HttpClientConnection *c : std::as_const(m_connections))
        c->abandon();
}

} // namespace ringside
