#include "load_client.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ringside::test {

LoadClient::LoadClient(quint16 port, int connections, QList<QByteArray> requests, QObject *parent)
    : QObject(parent), m_port(port), m_requests(std::move(requests)), m_status(m_requests.size(), 0)
{
    for (int i = 0; i < connections; ++i)
        m_conns.append(new Conn);
}

LoadClient::~LoadClient()
{
    // Sockets first, cut off from their handlers: a socket going away can still signal, and the
    // handlers dereference their Conn.
    for (Conn *c : std::as_const(m_conns)) {
        if (c->socket) {
            c->socket->disconnect(this);
            delete c->socket;
        }
    }
    qDeleteAll(m_conns);
}

void LoadClient::start()
{
    m_openConnections = int(m_conns.size());
    for (Conn *c : std::as_const(m_conns)) {
        c->socket = new QTcpSocket(this);
        connect(c->socket, &QTcpSocket::connected, this, [this, c] { sendNext(*c); });
        connect(c->socket, &QTcpSocket::readyRead, this, [this, c] { onReadable(*c); });
        connect(c->socket, &QTcpSocket::disconnected, this, [this, c] { onClosed(*c); });
        connect(c->socket, &QTcpSocket::errorOccurred, this, [this, c] {
            if (c->socket->state() != QAbstractSocket::ConnectedState)
                onClosed(*c);
        });
        c->socket->connectToHost(QStringLiteral("127.0.0.1"), m_port);
    }
}

int LoadClient::countStatus(int status) const
{
    return int(std::count(m_status.cbegin(), m_status.cend(), status));
}

void LoadClient::sendNext(Conn &c)
{
    if (m_next >= m_requests.size()) {
        c.current = -1;
        c.socket->disconnectFromHost();
        return;
    }
    c.current = m_next++;
    c.socket->write(m_requests[c.current]);
}

void LoadClient::onReadable(Conn &c)
{
    c.buffer += c.socket->readAll();
    for (;;) {
        const qsizetype end = c.buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = c.buffer.left(end).toLower();
        const qsizetype cl = head.indexOf("content-length:");
        const qsizetype length = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
        if (c.buffer.size() < end + 4 + length)
            return;
        const int status = c.buffer.mid(9, 3).toInt();
        c.buffer.remove(0, end + 4 + length);
        if (status == 100)
            continue;
        if (c.current >= 0) {
            m_status[c.current] = status;
            ++m_answered;
            Q_EMIT progress(m_answered);
        }
        sendNext(c);
    }
}

void LoadClient::onClosed(Conn &c)
{
    if (!c.socket || c.current == -2)
        return;
    c.current = -2; // closed for good; an unanswered request keeps status 0
    if (--m_openConnections == 0)
        Q_EMIT finished();
}

QByteArray unlimcallRequest(const QString &callUuid, const char *event, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonObject o{{QStringLiteral("event"), QString::fromLatin1(event)},
                  {QStringLiteral("call_uuid"), callUuid},
                  {QStringLiteral("from"), QStringLiteral("+12025551234")},
                  {QStringLiteral("to"), QStringLiteral("+4930123456789")},
                  {QStringLiteral("direction"), QStringLiteral("outbound")},
                  {QStringLiteral("initiated_at"), QStringLiteral("2026-06-04T09:14:22.000Z")},
                  {QStringLiteral("seat_id"), QStringLiteral("seat_0481ab")},
                  {QStringLiteral("did_id"), QStringLiteral("did_de_1092")}};
    if (qstrcmp(event, "call.answered") == 0 || qstrcmp(event, "call.completed") == 0)
        o.insert(QStringLiteral("answered_at"), QStringLiteral("2026-06-04T09:14:29.000Z"));
    if (qstrcmp(event, "call.completed") == 0) {
        o.insert(QStringLiteral("ended_at"), QStringLiteral("2026-06-04T09:17:45.000Z"));
        o.insert(QStringLiteral("duration_seconds"), 196);
        o.insert(QStringLiteral("hangup_cause"), QStringLiteral("normal_clearing"));
        o.insert(QStringLiteral("hangup_cause_code"), 16);
    }
    const QByteArray body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    QByteArray r = "POST /webhooks/unlimcall HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const auto &h : headers)
        r += h.first + ": " + h.second + "\r\n";
    r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return r;
}

} // namespace ringside::test
