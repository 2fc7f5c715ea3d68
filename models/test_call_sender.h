#pragma once

#include "auth/auth_factory.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

namespace ringside {

/** "Send test calls": simulated UnlimCall calls pushed through the real HTTP path of the running
 *  receiver, signed the way its auth scheme wants, with the provider habits Ringside exists for
 *  (some events out of order, some sent twice), so a new user sees the pipeline work at once. */
class TestCallSender : public QObject
{
    Q_OBJECT
public:
    explicit TestCallSender(QObject *parent = nullptr);

    /** One webhook request: its JSON body and a stable id (the dedup key a retry repeats). */
    struct Request
    {
        QByteArray id;
        QByteArray body;
    };
    /** The requests for `calls` calls, in sending order; seed makes the mix repeatable. */
    static QList<Request> plan(int calls, quint32 seed, qint64 nowMs);

    /** Sends plan(calls) to url; progress() per answer, finished() at the end. One at a time per
     *  slot, a few slots in parallel, so a thousand calls do not open a thousand sockets. */
    void send(const QUrl &url, const AuthSpec &auth, int calls, quint32 seed, qint64 nowMs);
    bool isBusy() const { return m_total > 0 && m_done < m_total; }

Q_SIGNALS:
    void progress(int done, int total);
    /** ok: answered 2xx; the first error text when some were not. */
    void finished(int ok, int failed, const QString &firstError);

private:
    void sendNext();

    QNetworkAccessManager m_network;
    QUrl m_url;
    AuthSpec m_auth;
    QList<Request> m_queue;
    int m_next = 0;
    int m_total = 0;
    int m_done = 0;
    int m_ok = 0;
    QString m_firstError;
};

} // namespace ringside
