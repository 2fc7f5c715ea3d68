#include "ui/dashboard_page.h"

#include "core/clock.h"
#include "models/alerts_model.h"
#include "models/hourly_counts_model.h"
#include "models/latency_model.h"
#include "models/query_runner.h"
#include "store/store_reader.h"
#include "ui/metric_tile.h"
#include "ui/model_line_chart.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <limits>

namespace ringside {

namespace {
const QString kTileKeys[] = {QStringLiteral("received"), QStringLiteral("processed"), QStringLiteral("deduped"),
                             QStringLiteral("failed"),   QStringLiteral("rejected"),  QStringLiteral("backlog"),
                             QStringLiteral("p95")};

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString shareText(qint64 part, qint64 whole)
{
    const double pct = whole > 0 ? 100.0 * double(part) / double(whole) : 0;
    return QLocale().toString(pct, 'f', pct > 0 && pct < 10 ? 1 : 0);
}

// The four seed series' colours, the same on every chart and legend.
const QList<QColor> kCountColors{QColor(0x1e, 0x88, 0xe5), QColor(0x43, 0xa0, 0x47), QColor(0x8e, 0x24, 0xaa),
                                 QColor(0xe5, 0x39, 0x35)};
const QList<QColor> kLatencyColors{QColor(0x90, 0xa4, 0xae), QColor(0xfb, 0x8c, 0x00), QColor(0xc6, 0x28, 0x28)};
} // namespace

DashboardPage::DashboardPage(QueryRunner &runner, EngineHost &host, QWidget *parent)
    : QWidget(parent), m_runner(runner), m_host(host), m_clock(&Clock::system()), m_counts(new HourlyCountsModel(this)),
      m_latency(new LatencyModel(this)), m_alerts(new AlertsModel(this)), m_queryThrottle(new QTimer(this)),
      m_periodic(new QTimer(this)), m_repaint(new QTimer(this))
{
    buildUi();
    retranslateUi();

    m_repaint->setSingleShot(true);
    m_repaint->setInterval(kRepaintMs);
    connect(m_repaint, &QTimer::timeout, this, &DashboardPage::refreshView);
    m_queryThrottle->setSingleShot(true);
    connect(m_queryThrottle, &QTimer::timeout, this, &DashboardPage::queryNow);
    // Rollups land once a minute and other instances may write too: read again now and then.
    m_periodic->setInterval(kPeriodicQueryMs);
    connect(m_periodic, &QTimer::timeout, this, &DashboardPage::queryNow);
    m_periodic->start();

    connect(&m_host, &EngineHost::statsSampled, this, &DashboardPage::onStats);
    connect(&m_host, &EngineHost::runningChanged, this, &DashboardPage::onRunningChanged);
    connect(&m_host, &EngineHost::storeChanged, this, &DashboardPage::requestQuery);
    if (m_host.isRunning())
        m_unrolled.restart(m_clock->nowMs());
    queryNow();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::buildUi()
{
    auto *root = new QVBoxLayout(this);
    root->setContentsMargins(16, 12, 16, 12);
    root->setSpacing(12);

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    m_windowButtons = new QButtonGroup(this);
    const std::pair<MetricsWindow, const char *> windows[] = {{MetricsWindow::LastHour, "windowLastHour"},
                                                             {MetricsWindow::Last24Hours, "windowLast24Hours"},
                                                             {MetricsWindow::Last7Days, "windowLast7Days"}};
    for (const auto &[w, name] : windows) {
        auto *b = new QPushButton(this);
        b->setObjectName(QLatin1String(name));
        b->setCheckable(true);
        b->setChecked(w == m_window);
        m_windowButtons->addButton(b, int(w));
        header->addWidget(b);
    }
    connect(m_windowButtons, &QButtonGroup::idClicked, this, [this](int id) { setWindow(MetricsWindow(id)); });
    header->addStretch();
    m_rateCaption = new QLabel(this);
    m_rateCaption->setForegroundRole(QPalette::PlaceholderText);
    m_rate = new QLabel(this);
    m_rate->setObjectName(QStringLiteral("liveEventRate"));
    QFont rateFont = m_rate->font();
    rateFont.setPointSizeF(rateFont.pointSizeF() * 1.4);
    rateFont.setBold(true);
    m_rate->setFont(rateFont);
    m_rate->setMinimumWidth(m_rate->fontMetrics().horizontalAdvance(QStringLiteral("0,000.0 events/s")));
    m_rate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    header->addWidget(m_rateCaption);
    header->addWidget(m_rate);
    root->addLayout(header);

    auto *tiles = new QHBoxLayout;
    tiles->setSpacing(10);
    for (const QString &key : kTileKeys) {
        auto *tile = new MetricTile(key, this);
        m_tiles.insert(key, tile);
        tiles->addWidget(tile, 1);
    }
    root->addLayout(tiles);

    auto *checks = new QHBoxLayout;
    m_conservation = new QLabel(this);
    m_conservation->setObjectName(QStringLiteral("conservation"));
    m_conservation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    checks->addWidget(m_conservation, 1);
    checks->addWidget(m_status);
    root->addLayout(checks);

    auto *charts = new QHBoxLayout;
    charts->setSpacing(10);
    m_countsChart = new ModelLineChart(
        m_counts, {HourlyCountsModel::Received, HourlyCountsModel::Processed, HourlyCountsModel::Deduped,
                   HourlyCountsModel::Failed}, this);
    m_countsChart->setObjectName(QStringLiteral("countsChart"));
    m_countsChart->setColors(kCountColors);
    m_latencyChart = new ModelLineChart(m_latency, {LatencyModel::P50, LatencyModel::P95, LatencyModel::P99}, this);
    m_latencyChart->setObjectName(QStringLiteral("latencyChart"));
    m_latencyChart->setColors(kLatencyColors);
    m_latencyChart->setValueFormat(QStringLiteral("%.0f ms"));
    // Hours without deliveries have no latency: marked points show where the line bridges a gap.
    m_latencyChart->setPointsVisible(true);
    charts->addWidget(m_countsChart, 1);
    charts->addWidget(m_latencyChart, 1);
    root->addLayout(charts, 1);

    m_alertsTitle = new QLabel(this);
    QFont bold = m_alertsTitle->font();
    bold.setBold(true);
    m_alertsTitle->setFont(bold);
    root->addWidget(m_alertsTitle);
    m_alertsView = new QListView(this);
    m_alertsView->setObjectName(QStringLiteral("alertsView"));
    m_alertsView->setModel(m_alerts);
    m_alertsView->setWordWrap(true);
    m_alertsView->setUniformItemSizes(false);
    m_alertsView->setSpacing(2);
    m_alertsView->setIconSize(QSize(12, 12));
    m_alertsView->setFixedHeight(96);
    m_noAlerts = new QLabel(this);
    m_noAlerts->setObjectName(QStringLiteral("noAlerts"));
    m_noAlerts->setForegroundRole(QPalette::PlaceholderText);
    root->addWidget(m_alertsView);
    root->addWidget(m_noAlerts);
    m_alertsView->hide();
}

void DashboardPage::retranslateUi()
{
    m_windowButtons->button(int(MetricsWindow::LastHour))->setText(tr("Last hour"));
    m_windowButtons->button(int(MetricsWindow::Last24Hours))->setText(tr("Last 24 hours"));
    m_windowButtons->button(int(MetricsWindow::Last7Days))->setText(tr("Last 7 days"));
    m_tiles.value(QStringLiteral("received"))->setCaption(tr("Received"));
    m_tiles.value(QStringLiteral("processed"))->setCaption(tr("Processed"));
    m_tiles.value(QStringLiteral("deduped"))->setCaption(tr("Deduped"));
    m_tiles.value(QStringLiteral("failed"))->setCaption(tr("Failed"));
    m_tiles.value(QStringLiteral("rejected"))->setCaption(tr("Rejected"));
    m_tiles.value(QStringLiteral("backlog"))->setCaption(tr("Backlog"));
    m_tiles.value(QStringLiteral("p95"))->setCaption(tr("P95 latency"));
    m_rateCaption->setText(tr("Live event rate"));
    m_alertsTitle->setText(tr("Alerts"));
    m_noAlerts->setText(tr("No alerts: the pipeline looks healthy."));
    m_countsChart->setTitle(m_window == MetricsWindow::LastHour ? tr("Events per minute") : tr("Events per hour"));
    m_latencyChart->setTitle(m_window == MetricsWindow::LastHour ? tr("Processing latency per minute")
                                                                 : tr("Processing latency per hour"));
    Q_EMIT m_counts->headerDataChanged(Qt::Horizontal, 0, HourlyCountsModel::ColumnCount - 1);
    Q_EMIT m_latency->headerDataChanged(Qt::Horizontal, 0, LatencyModel::ColumnCount - 1);
}

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refreshView();
    }
    QWidget::changeEvent(event);
}

void DashboardPage::setClock(const Clock &clock)
{
    m_clock = &clock;
    if (m_unrolled.isTracking())
        m_unrolled.restart(m_clock->nowMs());
    ++m_generation;
    queryNow();
}

void DashboardPage::setWindow(MetricsWindow window)
{
    if (QAbstractButton *b = m_windowButtons->button(int(window)))
        b->setChecked(true);
    if (window == m_window)
        return;
    m_window = window;
    retranslateUi();
    ++m_generation;
    queryNow();
}

void DashboardPage::setAlertThresholds(const AlertThresholds &thresholds)
{
    m_thresholds = thresholds;
    scheduleRepaint();
}

void DashboardPage::onRunningChanged(bool running)
{
    // A new run counts from zero: its history and what it has rolled up start over.
    ++m_generation;
    m_history.clear();
    m_haveLive = false;
    if (running)
        m_unrolled.restart(m_clock->nowMs());
    else
        m_unrolled.stop();
    queryNow();
}

void DashboardPage::onStats(const LiveStats &stats)
{
    if (!stats.receiverRunning)
        return;
    m_live = stats;
    m_haveLive = true;
    m_history.add(stats);
    scheduleRepaint();
}

void DashboardPage::requestQuery()
{
    // The live counters carry the numbers between reads, so the store need not be read per commit.
    if (m_queryThrottle->isActive())
        return;
    const qint64 since = m_lastQueryAtMs == 0 ? kMinQueryIntervalMs : QDateTime::currentMSecsSinceEpoch() - m_lastQueryAtMs;
    if (since >= kMinQueryIntervalMs)
        queryNow();
    else
        m_queryThrottle->start(int(kMinQueryIntervalMs - since));
}

void DashboardPage::queryNow()
{
    if (m_querying) {
        m_queryAgain = true;
        return;
    }
    m_querying = true;
    m_queryThrottle->stop();
    // Real time, not the injected clock: this only paces reads, and a test's clock may stand still.
    m_lastQueryAtMs = QDateTime::currentMSecsSinceEpoch();
    const quint64 generation = m_generation;
    const qint64 now = m_clock->nowMs();
    const WindowRange range = WindowRange::of(m_window, now);
    const qint64 recentFrom = m_unrolled.isTracking() ? m_unrolled.readFromMinute() : std::numeric_limits<qint64>::max();
    const qint64 incompleteAfter = m_host.config().incompleteAfterMs;
    m_runner.run(this, [this, generation, range, recentFrom, now, incompleteAfter](StoreReader *reader,
                                                                                    const QString &openError) {
        QString error = openError;
        DashboardData data;
        if (reader)
            data = MetricsQuery::read(*reader, range, recentFrom, now, incompleteAfter, &error);
        return [this, generation, data = std::move(data), error] { onData(generation, data, error); };
    });
}

void DashboardPage::onData(quint64 generation, const DashboardData &data, const QString &error)
{
    m_querying = false;
    const bool again = std::exchange(m_queryAgain, false);
    if (generation != m_generation) {
        queryNow(); // asked about another window or engine run meanwhile
        return;
    }
    if (error.isEmpty()) {
        m_status->clear();
        m_data = data;
        m_haveData = true;
        m_unrolled.setStored(data.recentMinutes, data.readAtMs);
        scheduleRepaint();
    } else {
        m_status->setText(tr("Cannot read the store: %1").arg(error));
    }
    if (again)
        queryNow();
}

void DashboardPage::scheduleRepaint()
{
    if (!m_repaint->isActive())
        m_repaint->start();
}

QList<MetricBucket> DashboardPage::bucketsWithLive(qint64 nowMs) const
{
    QList<MetricBucket> buckets = m_data.buckets;
    if (buckets.isEmpty() || !m_haveLive)
        return buckets;
    const SeriesCounts unrolled = m_unrolled.unrolled(UnrolledCounts::liveSeries(m_live));
    if (unrolled.isEmpty())
        return buckets;
    // Not rolled up yet means "just now": the bucket in progress (the engine stamps it so too).
    const qint64 i = std::clamp<qint64>((nowMs - m_data.range.fromMs) / m_data.range.bucketMs, 0, buckets.size() - 1);
    buckets[i].totals += MetricTotals::fromSeries(unrolled);
    return buckets;
}

void DashboardPage::refreshView()
{
    if (!m_haveData)
        return;
    const qint64 now = m_clock->nowMs();
    if (now >= m_data.range.toMs && !m_querying)
        queryNow(); // the window moved on by a bucket
    const QList<MetricBucket> buckets = bucketsWithLive(now);
    m_totals = MetricTotals();
    for (const MetricBucket &b : buckets)
        m_totals += b.totals;
    m_counts->setBuckets(m_data.range.bucketMs, buckets);
    m_latency->setBuckets(m_data.range.bucketMs, buckets);

    // The delivery worker counts the queue every two seconds; without a local engine the store says.
    qint64 waiting = m_data.waitingDeliveries;
    qint64 dead = m_data.deadDeliveries;
    if (m_haveLive && !m_live.backlog.isEmpty()) {
        waiting = m_live.backlog.value(QStringLiteral("pending")) + m_live.backlog.value(QStringLiteral("retrying"));
        dead = m_live.backlog.value(QStringLiteral("dead"));
    }
    showTiles(waiting, dead);
    showConservation();
    showRate();
    showAlerts(dead);
    Q_EMIT refreshed();
}

void DashboardPage::showTiles(qint64 waiting, qint64 dead)
{
    const MetricTotals &t = m_totals;
    using Tone = MetricTile::Tone;
    const auto ofReceived = [&t](qint64 n) {
        return t.received > 0 ? tr("%1% of received").arg(shareText(n, t.received)) : QString();
    };
    m_tiles.value(QStringLiteral("received"))->setValue(number(t.received), tr("%1 accepted").arg(number(t.accepted)));
    m_tiles.value(QStringLiteral("processed"))
        ->setValue(number(t.processed), t.dead > 0 ? tr("%1 gave up (dead)").arg(number(t.dead)) : tr("in the CRM (2xx)"),
                   t.processed > 0 ? Tone::Good : Tone::Neutral);
    m_tiles.value(QStringLiteral("deduped"))->setValue(number(t.deduped), ofReceived(t.deduped));
    m_tiles.value(QStringLiteral("failed"))
        ->setValue(number(t.failed()),
                   tr("attempts: %1 \u00b7 unprocessable: %2").arg(number(t.failedAttempts), number(t.unprocessable)),
                   t.failed() > 0 ? Tone::Bad : Tone::Neutral);
    m_tiles.value(QStringLiteral("rejected"))
        ->setValue(number(t.rejected), ofReceived(t.rejected), t.rejected > 0 ? Tone::Warning : Tone::Neutral);
    m_tiles.value(QStringLiteral("backlog"))
        ->setValue(number(waiting), dead > 0 ? tr("%1 dead, need a Retry").arg(number(dead)) : tr("waiting for the CRM"),
                   dead > 0 ? Tone::Warning : Tone::Neutral);
    const Histogram::Snapshot &h = t.processingLatency;
    m_tiles.value(QStringLiteral("p95"))
        ->setValue(LatencyModel::msText(LatencyModel::quantileMs(h, 0.95)),
                   h.count > 0 ? tr("P50 %1 \u00b7 P99 %2").arg(LatencyModel::msText(LatencyModel::quantileMs(h, 0.50)),
                                                               LatencyModel::msText(LatencyModel::quantileMs(h, 0.99)))
                               : tr("no deliveries yet"));
}

void DashboardPage::showConservation()
{
    const MetricTotals &t = m_totals;
    const QString sum = tr("received %1 = accepted %2 + deduped %3 + rejected %4")
                            .arg(number(t.received), number(t.accepted), number(t.deduped), number(t.rejected));
    QPalette p = palette();
    if (t.conserved()) {
        m_conservation->setText(tr("\u2714 Conservation holds: %1").arg(sum));
        p.setColor(QPalette::WindowText, QColor(0x2e, 0x7d, 0x32));
    } else {
        const qint64 gap = t.received - t.accepted - t.deduped - t.rejected;
        m_conservation->setText(tr("\u2718 Conservation NOT holding: %1 is off by %2").arg(sum, number(gap)));
        p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    }
    m_conservation->setPalette(p);
    m_conservation->setProperty("holding", t.conserved());
}

void DashboardPage::showRate()
{
    if (!m_haveLive) {
        m_rate->setText(tr("engine stopped"));
        return;
    }
    const double rate = m_history.eventRate();
    m_rate->setText(tr("%1 events/s").arg(QLocale().toString(rate, 'f', rate < 10 ? 1 : 0)));
}

void DashboardPage::showAlerts(qint64 deadDeliveries)
{
    AlertInputs in;
    in.deadDeliveries = deadDeliveries;
    in.history = m_history.samples();
    if (m_haveLive) {
        in.sinkStates = m_live.sinkStates;
        in.storeHealthy = m_live.storeHealthy;
        in.setupWarnings = m_live.setupWarnings;
    }
    in.newlyIncompleteCalls = m_data.newlyIncompleteCalls;
    const QList<Alert> alerts = AlertRules::evaluate(in, m_thresholds);
    m_alerts->setAlerts(alerts);
    m_alertsView->setVisible(!alerts.isEmpty());
    m_noAlerts->setVisible(alerts.isEmpty());
    if (alerts != m_alertsNow) {
        m_alertsNow = alerts;
        Q_EMIT alertsChanged(alerts);
    }
}

} // namespace ringside
