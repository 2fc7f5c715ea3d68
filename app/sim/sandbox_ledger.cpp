#include "sim/sandbox_ledger.h"

#include "core/clock.h"

#include <QJsonArray>

#include <algorithm>

namespace ringside {

namespace {
const QString kCallUuid = QStringLiteral("call_uuid");
} // namespace

SandboxLedger::SandboxLedger(const Clock &clock) : m_clock(clock)
{
}

void SandboxLedger::noteWrite(const Record &record, bool created, const QString &event)
{
    if (record.callUuid.isEmpty())
        return;
    CallEntry &entry = m_calls[record.callUuid];
    if (created) {
        ++entry.creates;
        entry.recordIds.append(record.id);
    } else {
        ++entry.updates;
    }
    entry.appliedEvents.append(event);
    entry.final = record.data;
}

SandboxLedger::Upsert SandboxLedger::upsertCall(const QString &callUuid, const QJsonObject &call, const QString &event)
{
    const qint64 now = m_clock.nowMs();
    const auto entry = m_calls.constFind(callUuid);
    if (entry != m_calls.constEnd() && !entry->recordIds.isEmpty()) {
        // A good CRM keys the record by call: the same call always lands on its first record.
        Record &r = m_records[entry->recordIds.first()];
        r.data = call;
        r.updatedMs = now;
        noteWrite(r, false, event);
        return {r.id, false};
    }
    Record r{m_nextId++, callUuid, call, now, now};
    m_records.insert(r.id, r);
    noteWrite(r, true, event);
    return {r.id, true};
}

std::optional<QByteArray> SandboxLedger::replay(const QByteArray &idempotencyKey)
{
    const auto it = m_keys.constFind(idempotencyKey);
    if (it == m_keys.constEnd())
        return std::nullopt;
    ++m_replays;
    return *it;
}

void SandboxLedger::rememberKey(const QByteArray &idempotencyKey, const QByteArray &response)
{
    m_keys.insert(idempotencyKey, response);
}

qint64 SandboxLedger::createObject(const QJsonObject &properties, const QString &event)
{
    const qint64 now = m_clock.nowMs();
    Record r{m_nextId++, properties.value(kCallUuid).toString(), properties, now, now};
    m_records.insert(r.id, r);
    noteWrite(r, true, event);
    return r.id;
}

void SandboxLedger::reindex(qint64 id, const QString &from, const QString &to)
{
    if (from == to)
        return;
    if (!from.isEmpty()) {
        auto it = m_calls.find(from);
        if (it != m_calls.end())
            it->recordIds.removeOne(id);
    }
    if (!to.isEmpty())
        m_calls[to].recordIds.append(id);
}

bool SandboxLedger::updateObject(qint64 id, const QJsonObject &changes, const QString &event)
{
    auto it = m_records.find(id);
    if (it == m_records.end())
        return false;
    Record &r = *it;
    for (auto c = changes.begin(); c != changes.end(); ++c) {
        if (c.value().isString() && c.value().toString().isEmpty())
            r.data.remove(c.key()); // HubSpot clears a property set to ""
        else
            r.data.insert(c.key(), c.value());
    }
    r.updatedMs = m_clock.nowMs();
    const QString uuid = r.data.value(kCallUuid).toString();
    reindex(id, r.callUuid, uuid);
    r.callUuid = uuid;
    noteWrite(r, false, event);
    return true;
}

const SandboxLedger::Record *SandboxLedger::record(qint64 id) const
{
    const auto it = m_records.constFind(id);
    return it == m_records.constEnd() ? nullptr : &*it;
}

QList<const SandboxLedger::Record *> SandboxLedger::findByProperty(const QString &name, const QString &value) const
{
    QList<const Record *> found;
    if (name == kCallUuid) {
        const auto entry = m_calls.constFind(value);
        if (entry == m_calls.constEnd())
            return found;
        QList<qint64> ids = entry->recordIds;
        std::sort(ids.begin(), ids.end());
        for (qint64 id : ids) {
            if (const Record *r = record(id))
                found.append(r);
        }
        return found;
    }
    for (const Record &r : m_records) {
        const QJsonValue v = r.data.value(name);
        if (!v.isUndefined() && v.toVariant().toString() == value)
            found.append(&r);
    }
    return found;
}

QList<const SandboxLedger::Record *> SandboxLedger::records() const
{
    QList<const Record *> all;
    all.reserve(m_records.size());
    for (const Record &r : m_records)
        all.append(&r);
    return all;
}

QJsonObject SandboxLedger::report(bool withCalls) const
{
    QJsonObject byStatus;
    for (auto it = m_byStatus.begin(); it != m_byStatus.end(); ++it)
        byStatus.insert(QString::number(it.key()), double(it.value()));
    QJsonObject injected;
    for (auto it = m_injected.begin(); it != m_injected.end(); ++it)
        injected.insert(it.key(), double(it.value()));

    QJsonObject calls;
    QJsonArray duplicateCalls;
    qint64 creates = 0;
    qint64 updates = 0;
    for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
        const CallEntry &e = it.value();
        creates += e.creates;
        updates += e.updates;
        if (e.creates > 1)
            duplicateCalls.append(it.key());
        if (!withCalls)
            continue;
        QJsonArray ids;
        for (qint64 id : e.recordIds)
            ids.append(QString::number(id));
        calls.insert(it.key(), QJsonObject{
                                   {QStringLiteral("record_ids"), ids},
                                   {QStringLiteral("creates"), e.creates},
                                   {QStringLiteral("updates"), e.updates},
                                   {QStringLiteral("applied_events"), QJsonArray::fromStringList(e.appliedEvents)},
                                   {QStringLiteral("final"), e.final},
                               });
    }
    qint64 unkeyed = 0;
    for (const Record &r : m_records) {
        if (r.callUuid.isEmpty())
            ++unkeyed;
    }

    QJsonObject report{
        {QStringLiteral("requests"), double(m_requests)},
        {QStringLiteral("control_requests"), double(m_controlRequests)},
        {QStringLiteral("by_status"), byStatus},
        {QStringLiteral("injected"), injected},
        {QStringLiteral("records"), double(m_records.size())},
        {QStringLiteral("records_without_call_uuid"), double(unkeyed)},
        {QStringLiteral("call_count"), double(m_calls.size())},
        {QStringLiteral("creates"), double(creates)},
        {QStringLiteral("updates"), double(updates)},
        {QStringLiteral("unique_idempotency_keys"), double(m_keys.size())},
        {QStringLiteral("idempotent_replays"), double(m_replays)},
        {QStringLiteral("duplicate_records"), double(duplicateCalls.size())},
        {QStringLiteral("duplicate_calls"), duplicateCalls},
    };
    if (withCalls)
        report.insert(QStringLiteral("calls"), calls);
    return report;
}

void SandboxLedger::clear()
{
    m_nextId = 10001;
    m_records.clear();
    m_calls.clear();
    m_keys.clear();
    m_replays = 0;
    m_requests = 0;
    m_controlRequests = 0;
    m_byStatus.clear();
    m_injected.clear();
}

} // namespace ringside
