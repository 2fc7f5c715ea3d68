#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>

class QSocketNotifier;

namespace ringside {

/** One accepted TCP connection as a non-blocking descriptor: reads straight into the caller's
 *  buffer and writes straight from the caller's bytes, buffering only what the kernel would
 *  not take.
 *
 *  QTcpSocket copies every byte through its own ring buffers, asks the kernel how much is
 *  readable before each read (an extra system call) and toggles its notifiers per read; on the
 *  receiver's hot path that was a third of its time. This class does one read and one send per
 *  small request, and leaves flow control to the caller: while reading is switched off, bytes
 *  wait in the kernel and TCP pushes back on the client. */
class TcpStream : public QObject
{
    Q_OBJECT
public:
    explicit TcpStream(QObject *parent = nullptr);
    ~TcpStream() override;

    /** Takes ownership of an accepted descriptor (closing it on failure, with *error). */
    bool open(qintptr descriptor, QString *error);
    bool isOpen() const { return m_fd >= 0; }
    /** The client's address; IPv4 clients of a dual-stack listener as a.b.c.d. */
    QByteArray peerAddress() const { return m_peerAddress; }

    /** Up to `max` bytes: > 0 read, 0 nothing to read now, -1 no more to read: either the client
     *  finished sending (inputEnded(); the stream stays open for our answers until close()) or
     *  an error, after which disconnected() follows from the event loop. */
    qint64 read(char *buffer, qint64 max);
    /** The client sent FIN: everything it sent has been read, and it may still read ours. */
    bool inputEnded() const { return m_inputEnded; }
    /** Bytes the kernel holds for us now (a system call: not for the hot path). */
    qint64 bytesAvailable() const;
    /** Whether readyRead() is wanted: off, unread bytes stay in the kernel. */
    void setReadingEnabled(bool enabled);

    /** Sends what the kernel takes now and keeps the rest for when the socket is writable. */
    void write(QByteArrayView data);
    /** Bytes written but not yet handed to the kernel. */
    qint64 bytesToWrite() const { return m_out.size() - m_outSent; }
    /** Sends FIN (nothing more from us) while the client may keep sending; false if it failed. */
    bool shutdownWrite();
    /** Closes at once, dropping unsent bytes; emits disconnected() before it returns. */
    void close();

signals:
    void readyRead();
    /** Some of the buffered bytes reached the kernel. */
    void bytesWritten();
    /** The stream is closed (by close(), by the client, or by an error). Emitted once. */
    void disconnected();

private:
    void onReadable();
    void onWritable();
    /** The stream broke inside a call: close it from the event loop, not under the caller. */
    void fail();
    /** Sends from data; returns how much the kernel took, or -1 on an error. */
    qint64 send(const char *data, qint64 size);

    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_peerAddress;
    QByteArray m_out;          // unsent bytes start at m_outSent
    qint64 m_outSent = 0;
    bool m_mayHaveInput = true; // false after a read drained the kernel's buffer
    bool m_inputEnded = false;  // the client's FIN was read
    bool m_failed = false;
};

} // namespace ringside
