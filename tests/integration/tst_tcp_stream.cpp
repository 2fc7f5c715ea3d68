#include "ingest/tcp_stream.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <sys/socket.h>

using namespace ringside;

namespace {

/** A loopback listener that hands over raw descriptors, as HttpServer's does. */
class DescriptorServer : public QTcpServer
{
public:
    QList<qintptr> descriptors;

protected:
    void incomingConnection(qintptr descriptor) override { descriptors.append(descriptor); }
};

/** A connected pair: a QTcpSocket client and the server side as a TcpStream. */
struct Pair
{
    QTcpSocket client;
    std::unique_ptr<TcpStream> stream;
};

} // namespace

class TestTcpStream : public QObject
{
    Q_OBJECT

private:
    DescriptorServer m_server;

    std::unique_ptr<Pair> connectPair()
    {
        auto pair = std::make_unique<Pair>();
        const int before = int(m_server.descriptors.size());
        pair->client.connectToHost(QHostAddress::LocalHost, m_server.serverPort());
        if (!pair->client.waitForConnected(5000))
            return nullptr;
        if (!QTest::qWaitFor([&] { return m_server.descriptors.size() > before; }, 5000))
            return nullptr;
        pair->stream = std::make_unique<TcpStream>();
        QString error;
        if (!pair->stream->open(m_server.descriptors.last(), &error))
            return nullptr;
        return pair;
    }

    /** Everything a stream can read now and later until `size` bytes or `timeoutMs`. */
    static QByteArray readUpTo(TcpStream &stream, qsizetype size, int timeoutMs = 5000)
    {
        QByteArray got;
        char chunk[4096];
        const bool done = QTest::qWaitFor([&] {
            qint64 n;
            while ((n = stream.read(chunk, sizeof chunk)) > 0)
                got.append(chunk, n);
            return got.size() >= size || n < 0;
        }, timeoutMs);
        Q_UNUSED(done) // the caller compares what came
        return got;
    }

private slots:
    void initTestCase() { QVERIFY(m_server.listen(QHostAddress::Any, 0)); }

    void peerAddressOfAnIpv4ClientIsPlainIpv4()
    {
        auto pair = connectPair();
        QVERIFY(pair);
        QCOMPARE(pair->stream->peerAddress(), QByteArray("127.0.0.1"));
    }

    void readsWhatTheClientSent()
    {
        auto pair = connectPair();
        QVERIFY(pair);
        QSignalSpy ready(pair->stream.get(), &TcpStream::readyRead);
        pair->client.write("hello, stream");
        QVERIFY(ready.wait(5000));
        QCOMPARE(readUpTo(*pair->stream, 13), QByteArray("hello, stream"));
        char c;
        QCOMPARE(pair->stream->read(&c, 1), qint64(0)); // nothing more, and not ended
    }

    // A reply larger than the kernel takes at once is kept and sent as the client reads, whole
    // and in order; bytesWritten() reports the progress.
    void writeBuffersWhatTheKernelDoesNotTake()
    {
        auto pair = connectPair();
        QVERIFY(pair);
        QByteArray big(16 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char('a' + i % 26);
        QSignalSpy written(pair->stream.get(), &TcpStream::bytesWritten);
        pair->stream->write(big);
        QVERIFY2(pair->stream->bytesToWrite() > 0, "loopback took 16 MiB at once: make the test bigger");
        QByteArray received;
        QVERIFY(QTest::qWaitFor([&] {
            received += pair->client.readAll();
            return received.size() >= big.size();
        }, 20000));
        QCOMPARE(received.size(), big.size());
        QVERIFY(received == big);
        QCOMPARE(pair->stream->bytesToWrite(), qint64(0));
        QVERIFY(written.count() > 0);
    }

    // The client's FIN ends the input, not the stream: a client that half-closed after its
    // request still reads the answer. The owner closes.
    void clientFinEndsInputButNotTheStream()
    {
        auto pair = connectPair();
        QVERIFY(pair);
        QSignalSpy disconnected(pair->stream.get(), &TcpStream::disconnected);
        pair->client.write("last words");
        QVERIFY(pair->client.waitForBytesWritten(5000));
        QCOMPARE(::shutdown(int(pair->client.socketDescriptor()), SHUT_WR), 0);
        // The bytes sent before the FIN are still read; then the input ends.
        QCOMPARE(readUpTo(*pair->stream, 1 << 20), QByteArray("last words"));
        char c;
        QTRY_COMPARE(pair->stream->read(&c, 1), qint64(-1));
        QVERIFY(pair->stream->inputEnded());
        QVERIFY(pair->stream->isOpen());
        QCOMPARE(disconnected.count(), 0);

        pair->stream->write("the answer");
        QVERIFY(QTest::qWaitFor([&] { return pair->client.bytesAvailable() >= 10; }, 5000));
        QCOMPARE(pair->client.readAll(), QByteArray("the answer"));
        pair->stream->close();
        QCOMPARE(disconnected.count(), 1);
        pair->stream->close(); // already closed: no second signal
        QCOMPARE(disconnected.count(), 1);
    }

    void readingDisabledLeavesBytesInTheKernel()
    {
        auto pair = connectPair();
        QVERIFY(pair);
        char chunk[64];
        QCOMPARE(pair->stream->read(chunk, sizeof chunk), qint64(0)); // drained: no input yet
        pair->stream->setReadingEnabled(false);
        pair->client.write("held back");
        QVERIFY(pair->client.waitForBytesWritten(5000));
        QTRY_COMPARE(pair->stream->bytesAvailable(), qint64(9));
        QSignalSpy ready(pair->stream.get(), &TcpStream::readyRead);
        pair->stream->setReadingEnabled(true);
        QVERIFY(ready.wait(5000));
        QCOMPARE(readUpTo(*pair->stream, 9), QByteArray("held back"));
    }

    // Half-close: the client sees the end of our data, and what it sends meanwhile is still read.
    // (A QTcpSocket client closes as soon as it sees our FIN, so it sends before that.)
    void shutdownWriteKeepsReading()
    {
        auto pair = connectPair();
        QVERIFY(pair);
        QSignalSpy clientEnded(&pair->client, &QTcpSocket::readChannelFinished);
        pair->stream->write("bye");
        QVERIFY(pair->stream->shutdownWrite());
        pair->client.write("still here");
        QVERIFY(pair->client.waitForBytesWritten(5000));
        QCOMPARE(readUpTo(*pair->stream, 10), QByteArray("still here"));
        QTRY_COMPARE(clientEnded.count(), 1);
        QCOMPARE(pair->client.readAll(), QByteArray("bye"));
    }

    void writeToAResetClientClosesTheStream()
    {
        auto pair = connectPair();
        QVERIFY(pair);
        QSignalSpy disconnected(pair->stream.get(), &TcpStream::disconnected);
        pair->client.abort();
        // The first send may still succeed (the reset arrives with its answer); keep writing.
        QVERIFY(QTest::qWaitFor([&] {
            pair->stream->write(QByteArray(64 * 1024, 'x'));
            return !disconnected.isEmpty();
        }, 5000));
        QCOMPARE(disconnected.count(), 1);
        QVERIFY(!pair->stream->isOpen());
    }

    void openRejectsABadDescriptor()
    {
        TcpStream stream;
        QString error;
        QVERIFY(!stream.open(-1, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!stream.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestTcpStream)
#include "tst_tcp_stream.moc"
