#include "ingest/tcp_stream.h"

#include <QHostAddress>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ringside {

namespace {

QByteArray peerAddressOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return QByteArrayLiteral("unknown");
    const QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; show them as people know them.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return (isV4 ? QHostAddress(v4) : address).toString().toLatin1();
}

// Past this many sent bytes at the front of the buffer, drop them rather than keep them.
constexpr qint64 kCompactThreshold = 16 * 1024;

} // namespace

TcpStream::TcpStream(QObject *parent)
    : QObject(parent)
{
}

TcpStream::~TcpStream()
{
    // Notifiers first: the event dispatcher must not poll a descriptor that is gone.
    delete m_readNotifier;
    delete m_writeNotifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

bool TcpStream::open(qintptr descriptor, QString *error)
{
    const int fd = int(descriptor);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0
        || ::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return false;
    }
    // Responses are written whole; Nagle would only hold the last segment back.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    m_fd = fd;
    m_peerAddress = peerAddressOf(fd);
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &TcpStream::onReadable);
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &TcpStream::onWritable);
    return true;
}

qint64 TcpStream::read(char *buffer, qint64 max)
{
    if (m_fd < 0 || m_failed || m_inputEnded)
        return -1;
    if (!m_mayHaveInput)
        return 0; // the last read emptied the kernel's buffer; readyRead() says when that changes
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, size_t(max));
        if (n > 0) {
            // A stream socket returns less than asked only when nothing more is queued.
            if (n < max)
                m_mayHaveInput = false;
            return n;
        }
        if (n == 0) {
            // The client's FIN. It may only have half-closed, waiting for our answer (HTTP/1.0
            // tools do): the owner decides when to close. An ended stream stays readable for
            // poll(), so stop watching it.
            m_inputEnded = true;
            m_mayHaveInput = false;
            m_readNotifier->setEnabled(false);
            return -1;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            m_mayHaveInput = false;
            return 0;
        }
        fail(); // a reset or another error
        return -1;
    }
}

qint64 TcpStream::bytesAvailable() const
{
    int n = 0;
    if (m_fd < 0 || ::ioctl(m_fd, FIONREAD, &n) != 0)
        return 0;
    return n;
}

void TcpStream::setReadingEnabled(bool enabled)
{
    if (m_readNotifier && !m_failed && !m_inputEnded && m_readNotifier->isEnabled() != enabled)
        m_readNotifier->setEnabled(enabled);
}

void TcpStream::onReadable()
{
    m_mayHaveInput = true;
    emit readyRead();
}

qint64 TcpStream::send(const char *data, qint64 size)
{
    qint64 sent = 0;
    while (sent < size) {
        // MSG_NOSIGNAL: a client that went away is an error to handle, not a SIGPIPE.
        const ssize_t n = ::send(m_fd, data + sent, size_t(size - sent), MSG_NOSIGNAL);
        if (n >= 0) {
            sent += n;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        return -1;
    }
    return sent;
}

void TcpStream::write(QByteArrayView data)
{
    if (m_fd < 0 || m_failed || data.isEmpty())
        return;
    if (bytesToWrite() == 0) {
        const qint64 sent = send(data.data(), data.size());
        if (sent < 0) {
            fail();
            return;
        }
        if (sent == data.size())
            return;
        data = data.sliced(sent);
    }
    m_out.append(data);
    m_writeNotifier->setEnabled(true);
}

void TcpStream::onWritable()
{
    const qint64 sent = send(m_out.constData() + m_outSent, bytesToWrite());
    if (sent < 0) {
        m_out.clear();
        m_outSent = 0;
        fail();
        return;
    }
    m_outSent += sent;
    if (bytesToWrite() == 0) {
        m_out.clear();
        m_outSent = 0;
        m_writeNotifier->setEnabled(false);
    } else if (m_outSent > kCompactThreshold) {
        m_out.remove(0, m_outSent);
        m_outSent = 0;
    }
    if (sent > 0)
        emit bytesWritten();
}

bool TcpStream::shutdownWrite()
{
    return m_fd >= 0 && !m_failed && ::shutdown(m_fd, SHUT_WR) == 0;
}

void TcpStream::close()
{
    if (m_fd < 0)
        return;
    // Unregistered before the descriptor goes, deleted later: we may be inside one's signal.
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
        notifier->setEnabled(false);
        notifier->deleteLater();
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_out.clear();
    m_outSent = 0;
    emit disconnected();
}

void TcpStream::fail()
{
    if (m_failed)
        return;
    m_failed = true;
    // Quiet until closed: an ended stream stays readable (and writable) for poll().
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    QMetaObject::invokeMethod(this, &TcpStream::close, Qt::QueuedConnection);
}

} // namespace ringside
