#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace ringside::test {

/** Runs `ringside-sim crm` for a test and talks to its control endpoints. */
class SandboxProcess
{
public:
    ~SandboxProcess();
    /** Starts on a free port with extra flags; true once it prints its listening line. */
    bool start(const QStringList &flags = {});
    quint16 port() const { return m_port; }
    QString url(const QString &path = QStringLiteral("/crm-webhook")) const;
    /** GET /_sandbox/report (empty object on failure). */
    QJsonObject report(bool calls = true) const;
    /** POST /_sandbox/config; true on 200. */
    bool configure(const QJsonObject &changes) const;

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace ringside::test
