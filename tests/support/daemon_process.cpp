#include "daemon_process.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <csignal>

namespace ringside::test {

DaemonProcess::DaemonProcess(QString databasePath) : m_db(std::move(databasePath))
{
}

DaemonProcess::~DaemonProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString DaemonProcess::binary()
{
    return QString::fromLocal8Bit(qgetenv("RINGSIDE_BUILD_DIR")) + QStringLiteral("/app/main/ringsided");
}

quint16 DaemonProcess::freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

bool DaemonProcess::listeningPorts(const QString &text, quint16 *port, quint16 *adminPort)
{
    static const QRegularExpression line(QStringLiteral("webhooks on http://\\S+:(\\d+), admin on http://\\S+:(\\d+) "));
    const QRegularExpressionMatch m = line.match(text);
    if (!m.hasMatch())
        return false;
    *port = quint16(m.captured(1).toUInt());
    *adminPort = quint16(m.captured(2).toUInt());
    return *port != 0 && *adminPort != 0;
}

bool DaemonProcess::start(const QStringList &extraArgs, int timeoutMs)
{
    // Port 0: the daemon binds whatever is free and says which in its listening line. (Picking a free
    // port here and passing it on would leave a window in which a parallel test could take it.)
    m_port = 0;
    m_adminPort = 0;
    m_output.clear();
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    QStringList args{binary(), QStringLiteral("--db"), m_db, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")};
    args = m_launcher + args + extraArgs;
    const QString program = args.takeFirst();
    m_process.start(program, args);
    if (!m_process.waitForStarted(timeoutMs))
        return false;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.waitForReadyRead(100))
            m_output += QString::fromLocal8Bit(m_process.readAllStandardOutput());
        if (m_output.contains(QLatin1String("listening")))
            return listeningPorts(m_output, &m_port, &m_adminPort);
        if (m_process.state() == QProcess::NotRunning)
            break;
    }
    m_output += QString::fromLocal8Bit(m_process.readAllStandardError());
    return false;
}

void DaemonProcess::killHard()
{
    m_process.kill();
    m_process.waitForFinished(5000);
}

int DaemonProcess::terminate(int timeoutMs)
{
    const auto pid = pid_t(m_process.processId());
    if (pid <= 0)
        return -1; // never started or already gone: kill(0) would signal our whole process group
    ::kill(pid, SIGTERM);
    if (!m_process.waitForFinished(timeoutMs))
        return -1;
    m_output += QString::fromLocal8Bit(m_process.readAllStandardOutput());
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

int DaemonProcess::run(const QStringList &args, QByteArray *out, QByteArray *err, int timeoutMs)
{
    QProcess p;
    p.start(binary(), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace ringside::test
