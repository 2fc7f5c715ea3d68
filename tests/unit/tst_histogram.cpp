#include "metrics/histogram.h"

#include <QTest>

using namespace ringside;

class TestHistogram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bucketsAreInclusiveUpperBounds();
    void quantilesInterpolateWithinABucket();
    void emptyHistogramSaysZero();
    void differenceOfSnapshots();
};

void TestHistogram::bucketsAreInclusiveUpperBounds()
{
    Histogram h({0.001, 0.01, 0.1});
    h.observe(0.001); // on the bound: counted in le="0.001", as Prometheus defines
    h.observe(0.005);
    h.observe(0.5);
    const auto s = h.snapshot();
    QCOMPARE(s.counts, (std::vector<quint64>{1, 1, 0, 1}));
    QCOMPARE(s.count, quint64(3));
    QVERIFY(qAbs(s.sum - 0.506) < 1e-6);
}

void TestHistogram::quantilesInterpolateWithinABucket()
{
    Histogram h({0.01, 0.02});
    for (int i = 0; i < 90; ++i)
        h.observe(0.005);
    for (int i = 0; i < 10; ++i)
        h.observe(0.015);
    const auto s = h.snapshot();
    QVERIFY(qAbs(s.quantile(0.5) - 0.01 * 50.0 / 90.0) < 1e-9);
    QVERIFY(qAbs(s.quantile(0.95) - 0.015) < 1e-9); // half way into the second bucket
    QCOMPARE(s.quantile(1.0), 0.02);
}

void TestHistogram::emptyHistogramSaysZero()
{
    Histogram h(Histogram::latencyBounds());
    QCOMPARE(h.snapshot().quantile(0.95), 0.0);
}

void TestHistogram::differenceOfSnapshots()
{
    Histogram h({1.0});
    h.observe(0.5);
    const auto a = h.snapshot();
    h.observe(0.5);
    h.observe(2.0);
    const auto d = h.snapshot() - a;
    QCOMPARE(d.counts, (std::vector<quint64>{1, 1}));
    QCOMPARE(d.count, quint64(2));
}

QTEST_GUILESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
