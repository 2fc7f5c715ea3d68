#include "core/thread_handoff.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace ringside;

namespace {

/** Records, when it dies, on which thread it died (the first copy that still owns the record). */
class DeathWitness
{
public:
    struct Record
    {
        QMutex mutex;
        QList<QThread *> diedOn;
    };
    explicit DeathWitness(std::shared_ptr<Record> record) : m_record(std::move(record)) {}
    DeathWitness(DeathWitness &&other) noexcept : m_record(std::move(other.m_record)) {}
    DeathWitness(const DeathWitness &) = delete;
    DeathWitness &operator=(const DeathWitness &) = delete;
    ~DeathWitness()
    {
        if (m_record) {
            QMutexLocker lock(&m_record->mutex);
            m_record->diedOn << QThread::currentThread();
        }
    }

private:
    std::shared_ptr<Record> m_record;
};

} // namespace

class TestThreadHandoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsOnTheContextsThread();
    void blockingReturnsAfterTheCallRan();
    void capturesDieOnTheReceivingThread();
};

void TestThreadHandoff::runsOnTheContextsThread()
{
    QThread thread;
    QObject context;
    context.moveToThread(&thread);
    thread.start();
    std::atomic<QThread *> ranOn{nullptr};
    invokeOn(&context, [&] { ranOn = QThread::currentThread(); });
    QTRY_COMPARE(ranOn.load(), &thread);
    thread.quit();
    thread.wait();
}

void TestThreadHandoff::blockingReturnsAfterTheCallRan()
{
    QThread thread;
    QObject context;
    context.moveToThread(&thread);
    thread.start();
    int value = 0; // a plain int: the blocking call's effect must be visible without atomics
    invokeOn(&context, [&value] { value = 42; }, Qt::BlockingQueuedConnection);
    QCOMPARE(value, 42);
    thread.quit();
    thread.wait();
}

void TestThreadHandoff::capturesDieOnTheReceivingThread()
{
    // Qt keeps its own reference to a posted functor until invokeMethod returns; when the receiver
    // is quick, plain invokeMethod lets the posting thread destroy the captures. Many posts to an
    // idle, waiting receiver make that case common; invokeOn must never let it happen.
    QThread thread;
    QObject context;
    context.moveToThread(&thread);
    thread.start();
    auto record = std::make_shared<DeathWitness::Record>();
    constexpr int kPosts = 500;
    std::atomic<int> ran{0};
    for (int i = 0; i < kPosts; ++i) {
        invokeOn(&context, [witness = DeathWitness(record), &ran] { ++ran; });
        // One at a time, so that the receiver is idle and waiting at every post. (This thread needs
        // no event loop here; QTRY_COMPARE's 50 ms naps made the ASan run take 30 s.)
        const QDeadlineTimer deadline(5000);
        while (ran.load() != i + 1 && !deadline.hasExpired())
            QThread::yieldCurrentThread();
        QCOMPARE(ran.load(), i + 1);
    }
    thread.quit();
    thread.wait();
    QMutexLocker lock(&record->mutex);
    QCOMPARE(record->diedOn.size(), kPosts);
    QCOMPARE(record->diedOn.count(&thread), kPosts);
}

QTEST_GUILESS_MAIN(TestThreadHandoff)
#include "tst_thread_handoff.moc"
