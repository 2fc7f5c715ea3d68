#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <functional>

namespace ringside {

/** Fills a new store with a week of realistic traffic for the desktop app's benchmark, in bulk SQL
 *  (INSERT ... SELECT over recursive CTEs) on the real schema: calls, their events with payloads and
 *  headers, duplicate receipts, one CRM delivery per event with its attempts, unprocessable events,
 *  rejected requests and the per-minute metric series the engine's rollup would have written.
 *  Deterministic: the same event count gives the same rows (times relative to `nowMs`). */
class BenchStoreGenerator
{
public:
    struct Counts
    {
        qint64 events = 0; // rows in events, unprocessable included
        qint64 unprocessable = 0;
        qint64 calls = 0;
        qint64 receipts = 0; // duplicate receipts
        qint64 deliveries = 0;
        qint64 attempts = 0;
        qint64 metricRows = 0;
        qint64 rejected = 0;
    };

    /** `path` must not exist yet. */
    BenchStoreGenerator(QString path, qint64 events, qint64 nowMs);
    ~BenchStoreGenerator();

    /** False with *error; `progress` gets one line per step. */
    bool run(QString *error, const std::function<void(const QString &)> &progress);
    const Counts &counts() const { return m_counts; }

    /** What makes a cached database reusable: same generator, schema and size. */
    static QString fingerprint(qint64 events);
    /** Rows in events, read-only; -1 with *error. */
    static qint64 countEvents(const QString &path, QString *error);

private:
    bool exec(const QString &sql, QString *error);
    qint64 scalar(const QString &sql, QString *error);
    QString expand(QString sql) const;
    bool step(const QString &what, const std::function<bool(QString *)> &work, QString *error,
              const std::function<void(const QString &)> &progress);
    bool createPatterns(QString *error);
    bool insertCalls(QString *error);
    bool insertEvents(QString *error);
    bool insertReceipts(QString *error);
    bool insertDeliveries(QString *error);
    bool insertAttempts(QString *error);
    bool insertRejected(QString *error);
    bool insertMetrics(QString *error);

    QString m_path;
    qint64 m_events;
    qint64 m_nowMs;
    QSqlDatabase m_db;
    QHash<QString, qint64> m_params; // {name} -> value in the SQL
    Counts m_counts;
};

} // namespace ringside
