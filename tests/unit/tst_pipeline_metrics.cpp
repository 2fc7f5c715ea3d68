#include "metrics/pipeline_metrics.h"

#include <QTest>
#include <atomic>
#include <thread>

using namespace ringside;

class TestPipelineMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsEachOutcome();
    void conservationHoldsInEverySnapshotUnderConcurrency();
};

void TestPipelineMetrics::countsEachOutcome()
{
    PipelineMetrics m;
    m.record(PipelineMetrics::Outcome::Accepted);
    m.record(PipelineMetrics::Outcome::Accepted, {}, true);
    m.record(PipelineMetrics::Outcome::Deduped);
    m.record(PipelineMetrics::Outcome::Rejected, "bad_signature");
    m.record(PipelineMetrics::Outcome::Rejected, "bad_signature");
    m.record(PipelineMetrics::Outcome::Rejected, "body_too_large");
    const auto s = m.snapshot();
    QCOMPARE(s.received, quint64(6));
    QCOMPARE(s.accepted, quint64(2));
    QCOMPARE(s.unprocessable, quint64(1));
    QCOMPARE(s.deduped, quint64(1));
    QCOMPARE(s.rejected.value("bad_signature"), quint64(2));
    QCOMPARE(s.rejectedTotal(), quint64(3));
    QVERIFY(s.conserved());
}

void TestPipelineMetrics::conservationHoldsInEverySnapshotUnderConcurrency()
{
    PipelineMetrics m;
    std::atomic<bool> stop{false};
    std::atomic<bool> readerRunning{false};
    std::atomic<int> snapshots{0}, broken{0};
    // The reader snapshots continuously while the writers record; QtTest macros stay on this thread.
    std::thread reader([&] {
        readerRunning = true;
        do {
            if (!m.snapshot().conserved())
                ++broken;
            ++snapshots;
        } while (!stop.load());
    });
    while (!readerRunning.load())
        std::this_thread::yield();
    std::vector<std::thread> writers;
    for (int t = 0; t < 3; ++t) {
        writers.emplace_back([&m, t] {
            for (int i = 0; i < 20000; ++i)
                m.record(PipelineMetrics::Outcome(((i + t) % 3)), "r");
        });
    }
    for (auto &w : writers)
        w.join();
    stop = true;
    reader.join();
    const auto s = m.snapshot();
    QCOMPARE(s.received, quint64(60000));
    QVERIFY(s.conserved());
    QCOMPARE(broken.load(), 0);
    QVERIFY(snapshots.load() > 0);
}

QTEST_GUILESS_MAIN(TestPipelineMetrics)
#include "tst_pipeline_metrics.moc"
