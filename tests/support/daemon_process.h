#pragma once

#include <QProcess>
#include <QStringList>

namespace ringside::test {

/** Runs the real ringsided binary for a test: picks free ports, waits for its "listening" line. */
class DaemonProcess
{
public:
    explicit DaemonProcess(QString databasePath);
    ~DaemonProcess();

    /** Runs ringsided through this command (e.g. a namespace or mount wrapper that ends in exec "$@"). */
    void setLauncher(QStringList launcher) { m_launcher = std::move(launcher); }
    /** Starts ringsided with --db, --listen/--admin-listen on port 0 (any free one: port() and
     *  adminPort() say which once it listens) and extra args; true once listening. */
    bool start(const QStringList &extraArgs = {}, int timeoutMs = 15000);
    /** SIGKILL: no chance to flush anything. */
    void killHard();
    /** SIGTERM and wait; returns the exit code (-1 if it did not exit in time). */
    int terminate(int timeoutMs = 20000);

    quint16 port() const { return m_port; }
    quint16 adminPort() const { return m_adminPort; }
    QProcess &process() { return m_process; }
    QString output() const { return m_output; }

    static QString binary();
    /** The ports in ringsided's "listening: webhooks on http://HOST:PORT, admin on http://HOST:PORT ..." text. */
    static bool listeningPorts(const QString &text, quint16 *port, quint16 *adminPort);
    static quint16 freePort();
    /** Runs ringsided to completion with args; returns exit code, fills stdout/stderr. */
    static int run(const QStringList &args, QByteArray *out, QByteArray *err, int timeoutMs = 30000);

private:
    QString m_db;
    QStringList m_launcher;
    QProcess m_process;
    quint16 m_port = 0;
    quint16 m_adminPort = 0;
    QString m_output;
};

} // namespace ringside::test
