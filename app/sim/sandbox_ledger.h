#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace ringside {

class Clock;

/** Everything the sandbox CRM holds and has seen — records, per-call write history, idempotency
 *  keys, answer counts — and the report tests assert on ("one record per call, right final state"). */
class SandboxLedger
{
public:
    /** One CRM record: a webhook sink's call or a HubSpot call object's properties. */
    struct Record
    {
        qint64 id = 0;
        QString callUuid; // empty when a HubSpot object carries no call_uuid property
        QJsonObject data;
        qint64 createdMs = 0;
        qint64 updatedMs = 0;
    };

    struct Upsert
    {
        qint64 id = 0;
        bool created = false;
    };

    explicit SandboxLedger(const Clock &clock);

    // Traffic, for the report.
    void noteRequest() { ++m_requests; }
    void noteControlRequest() { ++m_controlRequests; }
    void noteAnswer(int status) { ++m_byStatus[status]; }
    void noteInjected(const char *kind) { ++m_injected[QString::fromLatin1(kind)]; }

    /** The generic sink's write: creates the call's record the first time, replaces its data after. */
    Upsert upsertCall(const QString &callUuid, const QJsonObject &call, const QString &event);

    /** The stored answer of a key that already succeeded (counted as a replay), or nothing. */
    std::optional<QByteArray> replay(const QByteArray &idempotencyKey);
    void rememberKey(const QByteArray &idempotencyKey, const QByteArray &response);

    /** HubSpot-style objects: create always makes a new record (that is how duplicates happen);
     *  update merges properties, an empty string clearing one. event names the write in the
     *  call's applied_events. */
    qint64 createObject(const QJsonObject &properties, const QString &event);
    bool updateObject(qint64 id, const QJsonObject &changes, const QString &event);

    const Record *record(qint64 id) const;
    /** Records whose data has name == value, oldest first (call_uuid is indexed). */
    QList<const Record *> findByProperty(const QString &name, const QString &value) const;
    /** Every record, oldest first. */
    QList<const Record *> records() const;
    qsizetype recordCount() const { return m_records.size(); }

    /** The report; withCalls=false leaves out the per-call detail (large runs). */
    QJsonObject report(bool withCalls = true) const;
    /** Forgets records, keys and counts; record ids start over. */
    void clear();

private:
    /** The write history of one call_uuid across all its records. */
    struct CallEntry
    {
        QList<qint64> recordIds;
        int creates = 0;
        int updates = 0;
        QStringList appliedEvents;
        QJsonObject final;
    };

    void noteWrite(const Record &record, bool created, const QString &event);
    void reindex(qint64 id, const QString &from, const QString &to);

    const Clock &m_clock;
    qint64 m_nextId = 10001;
    QMap<qint64, Record> m_records;
    QMap<QString, CallEntry> m_calls;
    QHash<QByteArray, QByteArray> m_keys; // succeeded Idempotency-Key -> the answer it got
    qint64 m_replays = 0;
    qint64 m_requests = 0;
    qint64 m_controlRequests = 0;
    QMap<int, qint64> m_byStatus;
    QMap<QString, qint64> m_injected;
};

} // namespace ringside
