#include "metrics/prometheus_text.h"

#include <QTest>

using namespace ringside;

class TestPrometheusText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rendersEverySeriesWithTypes();
    void histogramBucketsAreCumulative();
    void labelValuesAreEscaped();
};

void TestPrometheusText::rendersEverySeriesWithTypes()
{
    PipelineMetrics m;
    m.record(PipelineMetrics::Outcome::Accepted);
    m.record(PipelineMetrics::Outcome::Deduped);
    m.record(PipelineMetrics::Outcome::Rejected, "bad_signature");
    m.setCallsIncomplete(7);
    const QByteArray text = PrometheusText::render(m.snapshot());
    for (const char *line : {"# TYPE ringside_events_received_total counter", "ringside_events_received_total 3",
                             "ringside_events_accepted_total 1", "ringside_events_deduped_total 1",
                             "ringside_events_rejected_total{reason=\"bad_signature\"} 1",
                             "ringside_events_unprocessable_total 0", "# TYPE ringside_ack_latency_seconds histogram",
                             "# TYPE ringside_calls_incomplete gauge", "ringside_calls_incomplete 7"}) {
        QVERIFY2(text.split('\n').contains(QByteArray(line)), line);
    }
    QVERIFY(text.endsWith('\n'));
}

void TestPrometheusText::histogramBucketsAreCumulative()
{
    Histogram h({0.1, 1});
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5);
    QByteArray out;
    PrometheusText::appendHistogram(out, "x_seconds", "help", h.snapshot());
    const QList<QByteArray> lines = out.split('\n');
    QVERIFY(lines.contains("x_seconds_bucket{le=\"0.1\"} 1"));
    QVERIFY(lines.contains("x_seconds_bucket{le=\"1\"} 2"));
    QVERIFY(lines.contains("x_seconds_bucket{le=\"+Inf\"} 3"));
    QVERIFY(lines.contains("x_seconds_count 3"));
    QVERIFY(lines.contains("x_seconds_sum 5.55"));
}

void TestPrometheusText::labelValuesAreEscaped()
{
    QCOMPARE(PrometheusText::labelValue(QStringLiteral("crm")), QByteArray("crm"));
    QCOMPARE(PrometheusText::labelValue(QStringLiteral("a\"b\\c\nd")), QByteArray("a\\\"b\\\\c\\nd"));
    QCOMPARE(PrometheusText::labelValue(QStringLiteral("Zürich")), QStringLiteral("Zürich").toUtf8());
}

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheus_text.moc"
