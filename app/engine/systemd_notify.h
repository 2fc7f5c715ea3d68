#pragma once

#include <QByteArray>
#include <QString>

namespace ringside {

/** Tells systemd how the service is doing (the sd_notify protocol, without libsystemd): one datagram
 *  of "KEY=value" lines to the socket named by $NOTIFY_SOCKET. Under `Type=notify` systemd counts the
 *  service as started only on "READY=1", so `systemctl start` returns once ringsided really listens
 *  and a bad start fails the start job. Outside systemd (no NOTIFY_SOCKET) it does nothing. */
class SystemdNotify
{
public:
    /** False with `error` set when systemd asked for notifications and this one could not be sent. */
    static bool send(const QByteArray &state, QString *error);

    static QByteArray status(const QString &status);  // "STATUS=<status>", one line, at most 240 characters
    static QByteArray ready(const QString &statusText);   // "READY=1\nSTATUS=<status>"
    static QByteArray stopping();                     // "STOPPING=1\nSTATUS=stopping: finishing the commits in flight"
};

} // namespace ringside
