#include "models/failures_batch.h"

#include "models/engine_host.h"
#include "models/query_runner.h"
#include "store/delivery_queue.h"
#include "store/store_reader.h"

#include <QPointer>

namespace ringside {

FailuresBatch::FailuresBatch(QueryRunner &runner, EngineHost &host, Action action, QList<qint64> ids, QString reason,
                             QObject *parent)
    : QObject(parent), m_runner(runner), m_host(host), m_action(action), m_reason(std::move(reason)),
      m_ids(std::move(ids)), m_total(m_ids.size())
{
}

FailuresBatch::FailuresBatch(QueryRunner &runner, EngineHost &host, const FailuresFilter &filter, QObject *parent)
    : QObject(parent), m_runner(runner), m_host(host), m_action(Action::Retry), m_filter(filter)
{
}

void FailuresBatch::start()
{
    if (!m_filter) {
        nextChunk();
        return;
    }
    m_runner.run(this, [this, filter = *m_filter](StoreReader *reader, const QString &openError) {
        QString error = openError;
        const qint64 total = reader ? FailuresQuery::count(reader->database(), filter, &error) : -1;
        return [this, total, error] {
            if (total < 0)
                return finish(error);
            m_total = total;
            Q_EMIT progress(0, m_total);
            runEngineFilter();
        };
    });
}

void FailuresBatch::runEngineFilter()
{
    const std::optional<RetryFilter> dead = FailuresQuery::deadRetryFilter(*m_filter);
    if (!dead) {
        m_stream = m_filter; // text in the error (or only retrying ones): ids it is
        nextChunk();
        return;
    }
    // One statement in the writer for every dead one; what is left are the retrying ones, if wanted.
    QPointer<FailuresBatch> self(this);
    m_host.retryDeliveries(*dead, [self](int n, const QString &error) {
        if (!self || !self->account(n, n, error))
            return;
        if (self->m_filter->state == FailuresFilter::State::Both) {
            self->m_stream = self->m_filter;
            self->m_stream->state = FailuresFilter::State::Retrying;
        }
        self->nextChunk();
    });
}

void FailuresBatch::nextChunk()
{
    if (m_cancelled)
        return finish({});
    if (!m_stream) {
        if (m_ids.isEmpty())
            return finish({});
        const QList<qint64> chunk = m_ids.mid(0, kChunk);
        m_ids.remove(0, chunk.size());
        send(chunk);
        return;
    }
    m_runner.run(this, [this, filter = *m_stream, after = m_cursor](StoreReader *reader, const QString &openError) {
        QString error = openError;
        QList<qint64> ids;
        if (reader)
            ids = FailuresQuery::idsAfter(reader->database(), filter, after, kChunk, &error);
        return [this, ids, error] {
            if (!error.isEmpty())
                return finish(error);
            if (ids.isEmpty())
                return finish({});
            m_cursor = ids.constLast(); // forward only: a delivery that fails again is not retried twice
            send(ids);
        };
    });
}

void FailuresBatch::send(const QList<qint64> &ids)
{
    QPointer<FailuresBatch> self(this);
    auto done = [self, sent = ids.size()](int n, const QString &error) {
        if (self && self->account(n, sent, error))
            self->nextChunk();
    };
    if (m_action == Action::Discard) {
        m_host.discardDeliveries(ids, m_reason, done);
        return;
    }
    RetryFilter filter;
    filter.ids = ids;
    m_host.retryDeliveries(filter, done);
}

bool FailuresBatch::account(int changed, qint64 handled, const QString &error)
{
    // A stopped engine answers 0 with a reason: that is a failure too, not "nothing matched".
    if (changed < 0 || !error.isEmpty()) {
        finish(error.isEmpty() ? tr("the engine refused the change") : error);
        return false;
    }
    m_count += changed;
    m_processed += handled;
    Q_EMIT progress(m_processed, qMax(m_total, m_processed));
    return true;
}

void FailuresBatch::cancel()
{
    m_cancelled = true;
}

void FailuresBatch::finish(const QString &error)
{
    if (std::exchange(m_finished, true))
        return;
    Q_EMIT finished(m_count, error, m_cancelled);
    deleteLater();
}

} // namespace ringside
