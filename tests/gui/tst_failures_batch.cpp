#include "failures_fixture.h"
#include "models/engine_host.h"
#include "models/failures_batch.h"
#include "models/query_runner.h"

#include <QSignalSpy>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

namespace {
constexpr int kCalls = 550; // two sinks: 1,100 dead deliveries, three chunks
}

class TestFailuresBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void retriesASelectionInChunks();
    void retriesEverythingMatchingATextInChunks();
    void usesTheEnginesFilterWhereItCan();
    void stopsBetweenChunksWhenCancelled();
    void discardsWithTheReason();

private:
    /** Runs the batch to its end; the finished() arguments. */
    QList<QVariant> finish(FailuresBatch *batch);
    qint64 count(const QString &where) { return m_store->scalar(QStringLiteral("SELECT count(*) FROM deliveries WHERE ") + where); }

    std::unique_ptr<FailuresFixture> m_store;
    std::unique_ptr<EngineHost> m_host;
    std::unique_ptr<QueryRunner> m_runner;
};

void TestFailuresBatch::init()
{
    m_store = std::make_unique<FailuresFixture>();
    QString error;
    QVERIFY2(m_store->start(&error), qPrintable(error));
    QVERIFY(m_store->writeMany(QStringLiteral("bulk"), kCalls));
    QVERIFY(m_store->attemptMany(m_store->deliveryIds(QStringLiteral("crm")), 400, QStringLiteral("HTTP 400: Invalid phone number")));
    QVERIFY(m_store->attemptMany(m_store->deliveryIds(QStringLiteral("backup")), 422, QStringLiteral("HTTP 422: unknown owner")));
    QCOMPARE(count(QStringLiteral("state = 'dead'")), 2 * kCalls);
    m_store->writer().stop();

    // The app's engine on the same file, without sinks: what is retried stays pending, for counting.
    EngineConfig config;
    config.listenPort = 0;
    config.adminPort = 0;
    config.databasePath = m_store->path();
    m_host = std::make_unique<EngineHost>(Clock::system());
    QVERIFY2(m_host->start(config, &error), qPrintable(error));
    m_runner = std::make_unique<QueryRunner>(m_store->path());
}

void TestFailuresBatch::cleanup()
{
    m_runner.reset();
    m_host.reset();
    m_store.reset();
}

QList<QVariant> TestFailuresBatch::finish(FailuresBatch *batch)
{
    QSignalSpy finished(batch, &FailuresBatch::finished);
    batch->start();
    if (finished.isEmpty() && !finished.wait(30000))
        return {};
    return finished.first();
}

void TestFailuresBatch::retriesASelectionInChunks()
{
    const QList<qint64> ids = m_store->deliveryIds();
    auto *batch = new FailuresBatch(*m_runner, *m_host, FailuresBatch::Action::Retry, ids);
    QSignalSpy progress(batch, &FailuresBatch::progress);
    const QList<QVariant> done = finish(batch);
    QCOMPARE(done.size(), 3);
    QCOMPARE(done.at(0).toInt(), 2 * kCalls);
    QVERIFY(done.at(1).toString().isEmpty());
    QCOMPARE(done.at(2).toBool(), false);
    QList<qint64> steps;
    for (const auto &args : std::as_const(progress)) {
        steps << args.at(0).toLongLong();
        QCOMPARE(args.at(1).toLongLong(), qint64(2 * kCalls));
    }
    QCOMPARE(steps, (QList<qint64>{500, 1000, 1100}));
    QCOMPARE(count(QStringLiteral("state = 'pending'")), 2 * kCalls);
}

void TestFailuresBatch::retriesEverythingMatchingATextInChunks()
{
    // Text in the error is more than the engine's filter can say: ids are streamed from the store.
    FailuresFilter filter;
    filter.text = QStringLiteral("invalid PHONE");
    auto *batch = new FailuresBatch(*m_runner, *m_host, filter);
    QSignalSpy progress(batch, &FailuresBatch::progress);
    const QList<QVariant> done = finish(batch);
    QCOMPARE(done.value(0).toInt(), kCalls);
    QVERIFY(done.value(1).toString().isEmpty());
    QCOMPARE(progress.constFirst().at(0).toLongLong(), 0); // the total is known before the first chunk
    QCOMPARE(progress.constFirst().at(1).toLongLong(), qint64(kCalls));
    QCOMPARE(progress.constLast().at(0).toLongLong(), qint64(kCalls));
    QCOMPARE(progress.size(), 1 + 2); // 500 + 50
    QCOMPARE(count(QStringLiteral("state = 'pending' AND sink = 'crm'")), kCalls);
    QCOMPARE(count(QStringLiteral("state = 'dead' AND sink = 'backup'")), kCalls);
}

void TestFailuresBatch::usesTheEnginesFilterWhereItCan()
{
    FailuresFilter filter;
    filter.state = FailuresFilter::State::Dead;
    filter.sink = QStringLiteral("backup");
    auto *batch = new FailuresBatch(*m_runner, *m_host, filter);
    QSignalSpy progress(batch, &FailuresBatch::progress);
    const QList<QVariant> done = finish(batch);
    QCOMPARE(done.value(0).toInt(), kCalls);
    QCOMPARE(progress.size(), 2); // the total, then one statement for all of them
    QCOMPARE(count(QStringLiteral("state = 'pending' AND sink = 'backup'")), kCalls);
    QCOMPARE(count(QStringLiteral("state = 'dead' AND sink = 'crm'")), kCalls);
}

void TestFailuresBatch::stopsBetweenChunksWhenCancelled()
{
    auto *batch = new FailuresBatch(*m_runner, *m_host, FailuresBatch::Action::Retry, m_store->deliveryIds());
    connect(batch, &FailuresBatch::progress, batch, &FailuresBatch::cancel);
    const QList<QVariant> done = finish(batch);
    QCOMPARE(done.value(0).toInt(), FailuresBatch::kChunk);
    QCOMPARE(done.value(2).toBool(), true);
    QCOMPARE(count(QStringLiteral("state = 'pending'")), FailuresBatch::kChunk);
}

void TestFailuresBatch::discardsWithTheReason()
{
    const QList<qint64> ids = m_store->deliveryIds().mid(0, 3);
    auto *batch = new FailuresBatch(*m_runner, *m_host, FailuresBatch::Action::Discard, ids,
                                    QStringLiteral("test call, not a customer"));
    const QList<QVariant> done = finish(batch);
    QCOMPARE(done.value(0).toInt(), 3);
    QCOMPARE(count(QStringLiteral("state = 'skipped' AND last_error = 'discarded: test call, not a customer'")), 3);
}

QTEST_MAIN(TestFailuresBatch)
#include "tst_failures_batch.moc"
