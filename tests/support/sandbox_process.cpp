#include "sandbox_process.h"

#include "daemon_process.h"
#include "raw_http_client.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

namespace ringside::test {

SandboxProcess::~SandboxProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool SandboxProcess::start(const QStringList &flags)
{
    m_port = DaemonProcess::freePort();
    const QString binary = QString::fromLocal8Bit(qgetenv("RINGSIDE_BUILD_DIR")) + QStringLiteral("/app/main/ringside-sim");
    m_process.start(binary, QStringList{QStringLiteral("crm"), QStringLiteral("--listen"),
                                        QStringLiteral("127.0.0.1:%1").arg(m_port)} + flags);
    QByteArray out;
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        if (m_process.waitForReadyRead(100))
            out += m_process.readAllStandardOutput();
        if (out.contains("listening"))
            return true;
    }
    qWarning() << "sandbox did not start:" << out << m_process.readAllStandardError();
    return false;
}

QString SandboxProcess::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
}

QJsonObject SandboxProcess::report(bool calls) const
{
    const auto r = exchange(m_port, "GET /_sandbox/report" + QByteArray(calls ? "" : "?calls=0")
                                        + " HTTP/1.1\r\nHost: x\r\n\r\n", 10000);
    return r && r->status == 200 ? QJsonDocument::fromJson(r->body).object() : QJsonObject();
}

bool SandboxProcess::configure(const QJsonObject &changes) const
{
    const QByteArray body = QJsonDocument(changes).toJson(QJsonDocument::Compact);
    const auto r = exchange(m_port, RawHttpClient::post("/_sandbox/config", body), 10000);
    if (!r || r->status != 200)
        qWarning() << "sandbox config refused:" << (r ? r->body : QByteArray("no answer"));
    return r && r->status == 200;
}

} // namespace ringside::test
