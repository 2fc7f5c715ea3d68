#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>
#include <functional>
#include <memory>

namespace ringside::test {

/** A scriptable HTTP/1.1 server (plain or TLS) on 127.0.0.1 for client tests: each request (framed by its
 *  Content-Length) gets the raw bytes the script returns, and the connection may close after them
 *  or instead of them. Runs on the test's thread; the client under test must be asynchronous. */
class FakeHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Reply
    {
        QByteArray bytes;   // written as they are; empty: no answer
        bool close = false; // close the connection after the bytes (or instead of an answer)
    };
    /** index counts requests over all connections, from 0. */
    using Script = std::function<Reply(int index, const QByteArray &request)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;
    bool listen();
    /** Listens for TLS connections (QSslServer); requests are read after the handshake. */
    bool listenTls(const QSslConfiguration &configuration);
    quint16 port() const { return m_server->serverPort(); }
    QUrl url(const QString &pathAndQuery = QStringLiteral("/crm-webhook"), const QString &scheme = QStringLiteral("http")) const;
    void setScript(Script script) { m_script = std::move(script); }
    /** Bytes written to every new connection at once, before any request (e.g. to break a TLS handshake). */
    void setGreeting(QByteArray bytes) { m_greeting = std::move(bytes); }

    int connectionsAccepted() const { return m_accepted; }
    int connectionsOpen() const;
    /** Every complete request received, head and body, in arrival order. */
    const QList<QByteArray> &requests() const { return m_requests; }

    /** A complete response with Content-Length. */
    static QByteArray response(int status, const QByteArray &body = {},
                               const QList<QPair<QByteArray, QByteArray>> &headers = {});

Q_SIGNALS:
    void requestReceived();

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);

    std::unique_ptr<QTcpServer> m_server;
    Script m_script;
    QByteArray m_greeting;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers; // bytes of a request still incomplete
    int m_accepted = 0;
};

} // namespace ringside::test
