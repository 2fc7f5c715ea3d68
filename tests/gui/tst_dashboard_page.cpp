#include "dashboard_rig.h"
#include "models/alerts_model.h"
#include "models/hourly_counts_model.h"
#include "models/latency_model.h"
#include "models/metrics_query.h"
#include "models/query_runner.h"
#include "store/database.h"
#include "store/metric_store.h"
#include "store/schema.h"
#include "store/store_reader.h"
#include "ui/dashboard_page.h"

#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

namespace {

/** The rig plus the page, shown at the size the team lead's window has. */
struct PageRig : DashboardRig
{
    std::unique_ptr<QueryRunner> runner;
    std::unique_ptr<DashboardPage> page;

    bool open(int rollupIntervalMs = 60'000, const QStringList &crmFlags = {})
    {
        if (!start(rollupIntervalMs, crmFlags))
            return false;
        runner = std::make_unique<QueryRunner>(databasePath());
        page = std::make_unique<DashboardPage>(*runner, host);
        page->resize(1280, 800);
        page->show();
        return true;
    }
    QString tile(const QString &key) const
    {
        const auto *label = page->findChild<QLabel *>(key + QStringLiteral("TileValue"));
        return label ? label->text() : QStringLiteral("<no tile %1>").arg(key);
    }
    /** Waits until the page has read the store afresh and shown it. */
    bool settle()
    {
        QSignalSpy refreshed(page.get(), &DashboardPage::refreshed);
        return QTest::qWaitFor([&] { return runner->pending() == 0; }, 10000) && refreshed.wait(5000);
    }
    qint64 storedReceived()
    {
        StoreReader reader;
        QString error;
        if (!reader.open(databasePath(), &error))
            return -1;
        return MetricsQuery::minutesSince(reader.database(), 0, &error)
            .value(Clock::system().nowMs() / 60'000 * 60'000).value(QStringLiteral("received"), -1);
    }
};

qint64 columnSum(const QAbstractItemModel &m, int column)
{
    qint64 sum = 0;
    for (int r = 0; r < m.rowCount(); ++r)
        sum += m.index(r, column).data(MetricBucketsModel::ValueRole).toLongLong();
    return sum;
}

} // namespace

class TestDashboardPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tilesFollowEventsPostedOverHttp();
    void rolledUpEventsAreNotCountedTwice();
    void windowChoosesTheBuckets();
    void pausedSinkRaisesAnAlert();
    void deadDeliveriesRaiseAnAlert();
    void showsAWeekFromTheStoreWithoutAnEngine();
};

void TestDashboardPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TestDashboardPage::tilesFollowEventsPostedOverHttp()
{
    PageRig rig;
    QVERIFY(rig.open());
    QTRY_COMPARE(rig.tile(QStringLiteral("received")), QStringLiteral("0"));

    QCOMPARE(rig.post(QStringLiteral("dash-1"), "call.initiated"), 200);
    QCOMPARE(rig.post(QStringLiteral("dash-1"), "call.completed"), 200);
    QCOMPARE(rig.post(QStringLiteral("dash-1"), "call.completed"), 200); // the provider retried
    QCOMPARE(rig.postRaw("/webhooks/nope", "{}"), 404);

    // No rollup has happened (once a minute): these come from the live counters.
    QTRY_COMPARE(rig.tile(QStringLiteral("received")), QStringLiteral("4"));
    QTRY_COMPARE(rig.tile(QStringLiteral("deduped")), QStringLiteral("1"));
    QTRY_COMPARE(rig.tile(QStringLiteral("rejected")), QStringLiteral("1"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.tile(QStringLiteral("processed")), QStringLiteral("2"), 20000);
    QTRY_VERIFY(rig.tile(QStringLiteral("p95")).endsWith(QLatin1String(" ms")));
    QCOMPARE(rig.tile(QStringLiteral("failed")), QStringLiteral("0"));
    QTRY_COMPARE(rig.tile(QStringLiteral("backlog")), QStringLiteral("0"));
    QCOMPARE(rig.page->totals().accepted, 2);

    const auto *conservation = rig.page->findChild<QLabel *>(QStringLiteral("conservation"));
    QVERIFY(conservation->property("holding").toBool());
    QVERIFY2(conservation->text().contains(QLatin1String("received 4 = accepted 2 + deduped 1 + rejected 1")),
             qPrintable(conservation->text()));
    // The current hour's bar of the chart carries them too.
    QCOMPARE(columnSum(rig.page->countsModel(), HourlyCountsModel::Received), 4);
    QCOMPARE(columnSum(rig.page->countsModel(), HourlyCountsModel::Processed), 2);
    QVERIFY(rig.page->findChild<QLabel *>(QStringLiteral("liveEventRate"))->text().endsWith(QLatin1String("events/s")));

    QVERIFY(rig.page->grab().save(QStringLiteral("/tmp/dashboard_page_1280.png")));
    rig.page->resize(1000, 700);
    QVERIFY(rig.page->grab().save(QStringLiteral("/tmp/dashboard_page_1000.png")));
}

void TestDashboardPage::rolledUpEventsAreNotCountedTwice()
{
    PageRig rig;
    QVERIFY(rig.open(200)); // rollups five times a second
    QVERIFY(rig.settle());
    QCOMPARE(rig.post(QStringLiteral("roll-1"), "call.initiated"), 200);
    QCOMPARE(rig.post(QStringLiteral("roll-1"), "call.answered"), 200);
    QCOMPARE(rig.post(QStringLiteral("roll-1"), "call.answered"), 200);
    QTRY_COMPARE(rig.tile(QStringLiteral("received")), QStringLiteral("3"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.storedReceived(), 3, 10000);

    // A fresh read now finds them in the store: store + live must still say 3, not 6.
    rig.page->setWindow(MetricsWindow::LastHour);
    QVERIFY(rig.settle());
    QCOMPARE(rig.tile(QStringLiteral("received")), QStringLiteral("3"));
    QCOMPARE(rig.tile(QStringLiteral("deduped")), QStringLiteral("1"));
    QCOMPARE(columnSum(rig.page->countsModel(), HourlyCountsModel::Received), 3);
    QCOMPARE(rig.page->countsModel().rowCount(), 60);
    QVERIFY(rig.settle());
    QCOMPARE(rig.tile(QStringLiteral("received")), QStringLiteral("3"));
}

void TestDashboardPage::windowChoosesTheBuckets()
{
    PageRig rig;
    QVERIFY(rig.open());
    QVERIFY(rig.settle());
    QCOMPARE(rig.page->window(), MetricsWindow::Last24Hours);
    QCOMPARE(rig.page->countsModel().rowCount(), 24);
    QTest::mouseClick(rig.page->findChild<QPushButton *>(QStringLiteral("windowLast7Days")), Qt::LeftButton);
    QVERIFY(rig.settle());
    QCOMPARE(rig.page->countsModel().rowCount(), 168);
    QCOMPARE(rig.page->latencyModel().rowCount(), 168);
    QTest::mouseClick(rig.page->findChild<QPushButton *>(QStringLiteral("windowLastHour")), Qt::LeftButton);
    QVERIFY(rig.settle());
    QCOMPARE(rig.page->window(), MetricsWindow::LastHour);
    QCOMPARE(rig.page->latencyModel().rowCount(), 60); // latency per minute for the last hour
    auto *chart = rig.page->findChild<QChartView *>(QStringLiteral("countsChart"));
    QVERIFY(chart->chart()->title().contains(QLatin1String("per minute")));
    QTRY_COMPARE(static_cast<QLineSeries *>(chart->chart()->series().first())->count(), 60);
}

void TestDashboardPage::pausedSinkRaisesAnAlert()
{
    PageRig rig;
    // The CRM refuses the credentials: every write would fail, so the sink pauses.
    QVERIFY(rig.open(60'000, {QStringLiteral("--error-rate"), QStringLiteral("1"), QStringLiteral("--error-status"),
                              QStringLiteral("401")}));
    QSignalSpy alerts(rig.page.get(), &DashboardPage::alertsChanged);
    QVERIFY(rig.settle());
    QVERIFY(rig.page->alerts().isEmpty());
    QVERIFY(rig.page->findChild<QLabel *>(QStringLiteral("noAlerts"))->isVisible());

    QCOMPARE(rig.post(QStringLiteral("paused-1"), "call.completed"), 200);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.page->alerts().isEmpty(), 20000);
    QCOMPARE(rig.page->alerts().first().key, QStringLiteral("sink-paused:crm"));
    QCOMPARE(rig.page->alerts().first().severity, Alert::Severity::Critical);
    QVERIFY(!alerts.isEmpty());
    QCOMPARE(alerts.last().first().value<QList<Alert>>(), rig.page->alerts());
    QCOMPARE(rig.page->alertsModel().rowCount(), 1);
    QVERIFY(rig.page->findChild<QListView *>(QStringLiteral("alertsView"))->isVisible());
    QTRY_COMPARE(rig.tile(QStringLiteral("failed")), QStringLiteral("1"));
    QVERIFY(rig.page->grab().save(QStringLiteral("/tmp/dashboard_page_alert.png")));
}

void TestDashboardPage::deadDeliveriesRaiseAnAlert()
{
    PageRig rig;
    // The CRM refuses the record for good (422): the delivery is dead at once and waits for a person.
    QVERIFY(rig.open(60'000, {QStringLiteral("--error-rate"), QStringLiteral("1"), QStringLiteral("--error-status"),
                              QStringLiteral("422")}));
    QVERIFY(rig.settle());
    QVERIFY(rig.page->alerts().isEmpty());

    QCOMPARE(rig.post(QStringLiteral("dead-1"), "call.completed"), 200);
    QCOMPARE(rig.post(QStringLiteral("dead-2"), "call.completed"), 200);
    const auto deadAlert = [&rig] {
        const QList<Alert> alerts = rig.page->alerts();
        return alerts.size() == 1 && alerts.first().key == QLatin1String("deliveries-dead") ? alerts.first().text
                                                                                            : QString();
    };
    // Counted by the worker every two seconds: both, not the first alone.
    QTRY_VERIFY_WITH_TIMEOUT(deadAlert().startsWith(QLatin1String("CRM writes that gave up: 2.")), 20000);
    QVERIFY(!rig.page->findChild<QLabel *>(QStringLiteral("noAlerts"))->isVisible());
    QCOMPARE(rig.page->alerts().first().severity, Alert::Severity::Warning);
}

void TestDashboardPage::showsAWeekFromTheStoreWithoutAnEngine()
{
    // Another instance wrote a week of office-hours traffic; this app runs no engine of its own.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("week.db"));
    QString error;
    QSqlDatabase db = Database::open(path, Database::Mode::ReadWrite, &error);
    QVERIFY2(db.isValid(), qPrintable(error));
    QVERIFY2(Schema::migrate(db, &error), qPrintable(error));
    const qint64 now = Clock::system().nowMs();
    const qint64 thisMinute = now - now % 60'000;
    const qint64 dayAgo = WindowRange::of(MetricsWindow::Last24Hours, now).fromMs;
    quint32 seed = 7;
    const auto next = [&seed](int n) {
        seed = seed * 1664525u + 1013904223u;
        return int((seed >> 8) % quint32(n));
    };
    qint64 weekReceived = 0, dayReceived = 0, dayFailed = 0;
    QVERIFY(db.transaction());
    for (qint64 minute = thisMinute - 6 * 24 * 60 * 60'000LL; minute <= thisMinute; minute += 60'000) {
        const int hour = int(minute / 3'600'000 % 24);
        const bool busy = hour >= 7 && hour < 18;
        if (!busy && next(10) != 0)
            continue;
        const qint64 accepted = busy ? 2 + next(6) : 1;
        const qint64 deduped = next(12) == 0 ? 1 + next(3) : 0;
        const qint64 rejected = next(40) == 0 ? 1 : 0;
        const qint64 failedAttempts = next(25) == 0 ? 1 + next(4) : 0;
        const qint64 fast = accepted - (accepted > 2 ? 1 : 0);
        const qint64 slow = accepted - fast;
        MetricStore::Rows rows{{QStringLiteral("received"), accepted + deduped + rejected},
                               {QStringLiteral("accepted"), accepted},
                               {QStringLiteral("delivered"), accepted},
                               {QStringLiteral("processing_latency:le=0.02"), fast},
                               {QStringLiteral("processing_latency:sum_us"), fast * 18'000 + slow * 45'000}};
        if (slow > 0)
            rows.append({QStringLiteral("processing_latency:le=0.05"), slow});
        if (deduped > 0)
            rows.append({QStringLiteral("deduped"), deduped});
        if (rejected > 0)
            rows.append({QStringLiteral("rejected:bad_signature"), rejected});
        if (failedAttempts > 0)
            rows.append({QStringLiteral("delivery_failed"), failedAttempts});
        QVERIFY2(MetricStore::add(db, minute, rows, &error), qPrintable(error));
        weekReceived += accepted + deduped + rejected;
        if (minute >= dayAgo) {
            dayReceived += accepted + deduped + rejected;
            dayFailed += failedAttempts;
        }
    }
    QVERIFY(db.commit());
    Database::close(db);

    EngineHost host(Clock::system());
    QueryRunner runner(path);
    DashboardPage page(runner, host);
    page.resize(1280, 800);
    page.show();
    QTRY_COMPARE(page.findChild<QLabel *>(QStringLiteral("receivedTileValue"))->text(), QString::number(dayReceived));
    QCOMPARE(page.totals().failed(), dayFailed);
    QVERIFY(page.totals().conserved());
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("liveEventRate"))->text(), QStringLiteral("engine stopped"));
    QVERIFY(page.grab().save(QStringLiteral("/tmp/dashboard_page_24h.png")));

    page.setWindow(MetricsWindow::Last7Days);
    QTRY_COMPARE(page.totals().received, weekReceived);
    QVERIFY(page.grab().save(QStringLiteral("/tmp/dashboard_page_7d.png")));
    page.setWindow(MetricsWindow::LastHour);
    QTRY_COMPARE(page.countsModel().rowCount(), 60);
    auto *chart = page.findChild<QChartView *>(QStringLiteral("countsChart"));
    QTRY_COMPARE(static_cast<QLineSeries *>(chart->chart()->series().first())->count(), 60);
    QVERIFY(page.grab().save(QStringLiteral("/tmp/dashboard_page_1h.png")));
}

QTEST_MAIN(TestDashboardPage)
#include "tst_dashboard_page.moc"
