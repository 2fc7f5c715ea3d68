#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpSocket>
#include <QVector>

namespace ringside::test {

/** Sends a list of HTTP requests over N keep-alive connections (one request in flight per
 *  connection) and records each request's status; for load and crash tests in the test thread. */
class LoadClient : public QObject
{
    Q_OBJECT
public:
    LoadClient(quint16 port, int connections, QList<QByteArray> requests, QObject *parent = nullptr);
    ~LoadClient() override;

    void start();
    bool isFinished() const { return m_openConnections == 0; }

    /** Status per request: 0 = never answered (connection lost, or not sent). */
    const QVector<int> &statuses() const { return m_status; }
    int countStatus(int status) const;
    int answered() const { return m_answered; }

Q_SIGNALS:
    void progress(int answered);
    void finished();

private:
    struct Conn
    {
        QTcpSocket *socket = nullptr;
        int current = -1;
        QByteArray buffer;
    };
    void sendNext(Conn &c);
    void onReadable(Conn &c);
    void onClosed(Conn &c);

    quint16 m_port;
    QList<QByteArray> m_requests;
    QVector<int> m_status;
    QList<Conn *> m_conns;
    int m_next = 0;
    int m_answered = 0;
    int m_openConnections = 0;
};

/** A complete UnlimCall webhook request for one event of one call. */
QByteArray unlimcallRequest(const QString &callUuid, const char *event, const QList<QPair<QByteArray, QByteArray>> &headers = {});

} // namespace ringside::test
