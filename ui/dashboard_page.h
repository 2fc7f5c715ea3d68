#pragma once

#include "models/alert_rules.h"
#include "models/engine_host.h"
#include "models/live_history.h"
#include "models/metrics_query.h"
#include "models/unrolled_counts.h"

#include <QHash>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QListView;
class QTimer;

namespace ringside {

class AlertsModel;
class Clock;
class HourlyCountsModel;
class LatencyModel;
class MetricTile;
class ModelLineChart;
class QueryRunner;

/** The team lead's overview: tiles for the pipeline's numbers over a chosen window, the seed
 *  counters and the processing latency per hour (per minute for the last hour), the live event
 *  rate, the conservation check and alerts.
 *
 *  The stored per-minute rollups are re-read on a change of window or engine, at most every few
 *  seconds while the store changes and every 15 s regardless; between reads, and for the part of
 *  the current minute the engine has not rolled up yet, the live counters fill in (UnrolledCounts),
 *  so the tiles move with every event. Repaints are coalesced to at most four a second. */
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    DashboardPage(QueryRunner &runner, EngineHost &host, QWidget *parent = nullptr);
    ~DashboardPage() override;

    /** The clock the window is measured on; must be the engine's (tests use a ManualClock). */
    void setClock(const Clock &clock);
    void setWindow(MetricsWindow window);
    MetricsWindow window() const { return m_window; }
    void setAlertThresholds(const AlertThresholds &thresholds);
    const AlertThresholds &alertThresholds() const { return m_thresholds; }

    /** What the tiles show now, e.g. for a status bar or a test. */
    const MetricTotals &totals() const { return m_totals; }
    const QList<Alert> &alerts() const { return m_alertsNow; }
    HourlyCountsModel &countsModel() { return *m_counts; }
    LatencyModel &latencyModel() { return *m_latency; }
    AlertsModel &alertsModel() { return *m_alerts; }

    static constexpr int kRepaintMs = 250;
    static constexpr int kMinQueryIntervalMs = 5'000;
    static constexpr int kPeriodicQueryMs = 15'000;

Q_SIGNALS:
    /** The set of alerts changed (one appeared, went away or changed its text). */
    void alertsChanged(const QList<Alert> &alerts);
    /** The page showed new numbers (after a store read or a live sample). */
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslateUi();
    void onRunningChanged(bool running);
    void onStats(const LiveStats &stats);
    void requestQuery();
    void queryNow();
    void onData(quint64 generation, const DashboardData &data, const QString &error);
    void scheduleRepaint();
    void refreshView();
    QList<MetricBucket> bucketsWithLive(qint64 nowMs) const;
    void showTiles(qint64 waiting, qint64 dead);
    void showConservation();
    void showRate();
    void showAlerts(qint64 deadDeliveries);

    QueryRunner &m_runner;
    EngineHost &m_host;
    const Clock *m_clock;
    MetricsWindow m_window = MetricsWindow::Last24Hours;
    AlertThresholds m_thresholds;

    HourlyCountsModel *m_counts;
    LatencyModel *m_latency;
    AlertsModel *m_alerts;

    DashboardData m_data;
    bool m_haveData = false;
    UnrolledCounts m_unrolled;
    LiveHistory m_history;
    LiveStats m_live;
    bool m_haveLive = false;
    MetricTotals m_totals;
    QList<Alert> m_alertsNow;

    quint64 m_generation = 0; // answers for an older window or engine run are dropped
    bool m_querying = false;
    bool m_queryAgain = false;
    qint64 m_lastQueryAtMs = 0;
    QTimer *m_queryThrottle;
    QTimer *m_periodic;
    QTimer *m_repaint;

    QButtonGroup *m_windowButtons = nullptr;
    QHash<QString, MetricTile *> m_tiles;
    QLabel *m_rateCaption = nullptr;
    QLabel *m_rate = nullptr;
    QLabel *m_conservation = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_alertsTitle = nullptr;
    QLabel *m_noAlerts = nullptr;
    QListView *m_alertsView = nullptr;
    ModelLineChart *m_countsChart = nullptr;
    ModelLineChart *m_latencyChart = nullptr;
};

} // namespace ringside
