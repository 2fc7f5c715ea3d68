#pragma once

#include "models/failures_query.h"

#include <QObject>

namespace ringside {

class EngineHost;
class QueryRunner;

/** A retry or discard of many deliveries at once. It goes to the engine in chunks, so neither the
 *  GUI nor one writer transaction ever holds the whole set, and it can be cancelled between chunks.
 *  "Everything matching the filter" uses the engine's own filter where that can say it and streams
 *  ids from the store otherwise. Deletes itself after finished(). */
class FailuresBatch : public QObject
{
    Q_OBJECT
public:
    enum class Action { Retry, Discard };

    /** These deliveries (a selection). `reason` is for Discard. */
    FailuresBatch(QueryRunner &runner, EngineHost &host, Action action, QList<qint64> ids, QString reason = {},
                  QObject *parent = nullptr);
    /** Retry every delivery that matches the filter now. */
    FailuresBatch(QueryRunner &runner, EngineHost &host, const FailuresFilter &filter, QObject *parent = nullptr);

    void start();
    /** Stops after the chunk in flight; finished() follows. */
    void cancel();
    Action action() const { return m_action; }
    /** Deliveries handled so far and in all (the total is an estimate while the store changes). */
    qint64 processed() const { return m_processed; }
    qint64 total() const { return m_total; }

    static constexpr int kChunk = 500;

Q_SIGNALS:
    void progress(qint64 processed, qint64 total);
    /** `count`: deliveries the engine retried or discarded; `error` empty unless something failed. */
    void finished(int count, const QString &error, bool cancelled);

private:
    void runEngineFilter();
    void nextChunk();
    void send(const QList<qint64> &ids);
    /** Counts an engine answer; false (and finished) if it was an error. */
    bool account(int changed, qint64 handled, const QString &error);
    void finish(const QString &error);

    QueryRunner &m_runner;
    EngineHost &m_host;
    Action m_action;
    QString m_reason;
    QList<qint64> m_ids;       // a selection: what is left to send
    std::optional<FailuresFilter> m_stream; // a filter: ids are read from the store a chunk at a time
    std::optional<FailuresFilter> m_filter; // the filter as the user set it
    qint64 m_cursor = 0;
    qint64 m_processed = 0;
    qint64 m_total = 0;
    int m_count = 0;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace ringside
