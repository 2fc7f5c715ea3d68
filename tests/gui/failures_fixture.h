#pragma once

#include "core/clock.h"
#include "store/delivery_queue.h"
#include "store/event_writer.h"

#include <QTemporaryDir>
#include <memory>

class QAbstractItemModel;

namespace ringside {
class QueryRunner;
}

namespace ringside::test {

/** Waits until every query the runner was given has been answered. */
bool settle(QueryRunner &runner);
/** Fetches pages until the model has them all (a QAbstractItemModelTester fetches too). */
bool loadAll(QAbstractItemModel &model, QueryRunner &runner);

/** A real store for the Failures and Events models' tests: events written by the engine's own
 *  writer (with two sinks subscribed, so each event gets two deliveries) and attempts recorded the
 *  way the delivery worker records them. */
class FailuresFixture : public QObject
{
public:
    FailuresFixture();
    ~FailuresFixture() override;
    bool start(QString *error);
    QString path() const { return m_dir.filePath(QStringLiteral("failures.db")); }
    ManualClock &clock() { return m_clock; }
    EventWriter &writer() { return *m_writer; }

    /** Writes one event (duplicates come back as Duplicate); returns the write's outcome. */
    WriteResult write(const QString &callUuid, EventType type, const QByteArray &body = {});
    /** Writes call.completed of calls prefix-0 .. prefix-(n-1) in few transactions (group commit). */
    bool writeMany(const QString &prefix, int n);
    /** Writes a body that could not be normalised. */
    WriteResult writeUnprocessable(const QByteArray &body, const QString &error);
    /** A refused request, as the receiver samples it. */
    void reject(int status, const QByteArray &reason, const QByteArray &body);

    /** Deliveries by id, oldest first. */
    QList<qint64> deliveryIds(const QString &sink = {});
    /** One attempt: 4xx -> dead, 5xx -> retrying (next attempt a minute later), 2xx -> delivered. */
    void attempt(qint64 deliveryId, int httpStatus, const QString &error, const QByteArray &response = {});
    /** The same attempt for many deliveries, in one transaction. */
    bool attemptMany(const QList<qint64> &deliveryIds, int httpStatus, const QString &error);
    qint64 scalar(const QString &sql);
    bool run(const EventWriter::Task &task);

private:
    IncomingEvent incoming(const QString &callUuid, EventType type, const QByteArray &body) const;
    AttemptRecord record(qint64 deliveryId, int httpStatus, const QString &error, const QByteArray &response) const;

    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<EventWriter> m_writer;
};

} // namespace ringside::test
