#include "engine/systemd_notify.h"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace ringside {

bool SystemdNotify::send(const QByteArray &state, QString *error)
{
    const QByteArray path = qgetenv("NOTIFY_SOCKET");
    if (path.isEmpty())
        return true;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    // A path, or "@name" for a socket in the abstract namespace (leading NUL, not NUL-terminated).
    if ((path[0] != '/' && path[0] != '@') || size_t(path.size()) >= sizeof(address.sun_path)) {
        *error = QStringLiteral("NOTIFY_SOCKET is not a Unix socket path: %1").arg(QString::fromLocal8Bit(path));
        return false;
    }
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    if (address.sun_path[0] == '@')
        address.sun_path[0] = '\0';
    const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(path.size()));

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QStringLiteral("cannot notify systemd: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    const ssize_t sent = ::sendto(fd, state.constData(), size_t(state.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&address), length);
    const int sendError = errno;
    ::close(fd);
    if (sent != state.size()) {
        *error = QStringLiteral("cannot notify systemd at %1: %2")
                     .arg(QString::fromLocal8Bit(path), QString::fromLocal8Bit(std::strerror(sendError)));
        return false;
    }
    return true;
}

QByteArray SystemdNotify::status(const QString &status)
{
    // One line, what `systemctl status` shows; short, because systemd drops a whole message that is
    // too long, READY=1 with it (a database path can be long).
    QString line = status;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (line.size() > 240) {
        qsizetype cut = 237;
        if (line.at(cut - 1).isHighSurrogate())   // keep a character whole
            --cut;
        line = line.left(cut) + QLatin1String("...");
    }
    return "STATUS=" + line.toUtf8();   // at most 240 UTF-16 units: well under 1 KiB
}

QByteArray SystemdNotify::ready(const QString &statusText)
{
    return "READY=1\n" + status(statusText);
}

QByteArray SystemdNotify::stopping()
{
    return QByteArrayLiteral("STOPPING=1\nSTATUS=stopping: finishing the commits in flight");
}

} // namespace ringside
