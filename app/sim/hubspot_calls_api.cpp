#include "sim/hubspot_calls_api.h"

#include "core/clock.h"
#include "sim/sandbox_ledger.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

namespace ringside {

namespace {

const QByteArray kCalls = "/crm/v3/objects/calls";
const QString kTimestamp = QStringLiteral("hs_timestamp");
const QString kEventProperty = QStringLiteral("ringside_event");
constexpr int kMaxBatch = 100;    // HubSpot's batch input limit
constexpr int kMaxSearchLimit = 200;
constexpr int kMaxFilterGroups = 5;
constexpr int kMaxFiltersPerGroup = 6;

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

/** HubSpot's own Content-Type, spelled as it sends it. */
HttpResponse hubspotJson(int status, const QJsonObject &body)
{
    return HttpResponse::json(status, body, QByteArrayLiteral("application/json;charset=utf-8"));
}

/** HubSpot stores every property as a string: 196000 comes back as "196000". Objects and arrays
 *  are not property values; they fail the request like HubSpot's VALIDATION_ERROR. */
bool normaliseProperties(const QJsonValue &value, QJsonObject *out, QString *error)
{
    if (!value.isObject()) {
        *error = QStringLiteral("'properties' must be an object");
        return false;
    }
    const QJsonObject in = value.toObject();
    QJsonObject props;
    for (auto it = in.begin(); it != in.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString())
            props.insert(it.key(), v.toString());
        else if (v.isNull())
            props.insert(it.key(), QString());
        else if (v.isBool())
            props.insert(it.key(), v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (v.isDouble())
            props.insert(it.key(), v.toVariant().toString());
        else {
            *error = QStringLiteral("Property values were not valid: '%1' is an object or array").arg(it.key());
            return false;
        }
    }
    *out = props;
    return true;
}

/** hs_timestamp is required on create, as epoch milliseconds or an ISO 8601 time. */
bool validTimestamp(const QString &value)
{
    if (value.isEmpty())
        return false;
    if (std::all_of(value.begin(), value.end(), [](QChar c) { return c.isDigit(); }))
        return true;
    return QDateTime::fromString(value, Qt::ISODateWithMs).isValid()
        || QDateTime::fromString(value, Qt::ISODate).isValid();
}

QString eventName(const QJsonObject &properties, const char *operation)
{
    const QString e = properties.value(kEventProperty).toString();
    return e.isEmpty() ? QString::fromLatin1(operation) : e;
}

bool parseBody(const QByteArray &body, QJsonObject *out, HttpResponse *fail)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *fail = HubSpotCallsApi::error(400, QStringLiteral("VALIDATION_ERROR"),
                                       QStringLiteral("Invalid input JSON: %1").arg(
                                           pe.error != QJsonParseError::NoError ? pe.errorString()
                                                                                : QStringLiteral("not an object")));
        return false;
    }
    *out = doc.object();
    return true;
}

/** A create or update body: {"properties": {...}}, normalised; on failure *fail is the 400 to send. */
bool parseProperties(const QByteArray &body, QJsonObject *props, HttpResponse *fail)
{
    QJsonObject in;
    if (!parseBody(body, &in, fail))
        return false;
    QString why;
    if (!normaliseProperties(in.value(QStringLiteral("properties")), props, &why)) {
        *fail = HubSpotCallsApi::error(400, QStringLiteral("VALIDATION_ERROR"), why);
        return false;
    }
    return true;
}

} // namespace

HubSpotCallsApi::HubSpotCallsApi(SandboxLedger &ledger, const Clock &clock) : m_ledger(ledger), m_clock(clock)
{
}

bool HubSpotCallsApi::owns(const QByteArray &path)
{
    return path.startsWith("/crm/");
}

HttpResponse HubSpotCallsApi::error(int status, const QString &category, const QString &message)
{
    return hubspotJson(status, QJsonObject{
                                   {QStringLiteral("status"), QStringLiteral("error")},
                                   {QStringLiteral("message"), message},
                                   {QStringLiteral("correlationId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                   {QStringLiteral("category"), category},
                               });
}

HttpResponse HubSpotCallsApi::handle(const HttpRequest &request, int searchDelayMs)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    const auto wrongMethod = [&] {
        return error(405, QStringLiteral("METHOD_NOT_ALLOWED"),
                     QStringLiteral("%1 is not supported on %2 by the sandbox")
                         .arg(QString::fromLatin1(method), QString::fromLatin1(path)));
    };
    if (path == kCalls || path == kCalls + '/')
        return method == "POST" ? create(request.body) : wrongMethod();
    if (path == kCalls + "/search")
        return method == "POST" ? search(request.body, searchDelayMs) : wrongMethod();
    if (path == kCalls + "/batch/upsert")
        return method == "POST" ? batchUpsert(request.body) : wrongMethod();
    if (path.startsWith(kCalls + '/') && path.count('/') == 5) {
        const QString id = QUrl::fromPercentEncoding(path.mid(kCalls.size() + 1));
        const QString idProperty =
            QUrlQuery(QString::fromLatin1(request.query)).queryItemValue(QStringLiteral("idProperty"), QUrl::FullyDecoded);
        if (method == "GET")
            return read(id, idProperty);
        if (method == "PATCH")
            return patch(id, idProperty, request.body);
        return wrongMethod();
    }
    return error(404, QStringLiteral("OBJECT_NOT_FOUND"),
                 QStringLiteral("Unable to route %1 %2 in the sandbox (only the Calls object is played)")
                     .arg(QString::fromLatin1(method), QString::fromLatin1(path)));
}

qint64 HubSpotCallsApi::resolve(const QString &id, const QString &idProperty) const
{
    if (!idProperty.isEmpty() && idProperty != QLatin1String("hs_object_id")) {
        const auto found = m_ledger.findByProperty(idProperty, id);
        return found.isEmpty() ? 0 : found.first()->id;
    }
    bool ok = false;
    const qint64 n = id.toLongLong(&ok);
    return ok && m_ledger.record(n) ? n : 0;
}

QJsonObject HubSpotCallsApi::objectJson(qint64 id, const std::optional<QStringList> &wanted) const
{
    const SandboxLedger::Record *r = m_ledger.record(id);
    if (!r)
        return {};
    QJsonObject props;
    if (wanted) {
        for (const QString &name : *wanted) {
            const QJsonValue v = r->data.value(name);
            props.insert(name, v.isUndefined() ? QJsonValue(QJsonValue::Null) : v);
        }
    } else {
        props = r->data;
    }
    props.insert(QStringLiteral("hs_object_id"), QString::number(r->id));
    props.insert(QStringLiteral("hs_createdate"), isoMs(r->createdMs));
    props.insert(QStringLiteral("hs_lastmodifieddate"), isoMs(r->updatedMs));
    return QJsonObject{
        {QStringLiteral("id"), QString::number(r->id)},
        {QStringLiteral("properties"), props},
        {QStringLiteral("createdAt"), isoMs(r->createdMs)},
        {QStringLiteral("updatedAt"), isoMs(r->updatedMs)},
        {QStringLiteral("archived"), false},
    };
}

HttpResponse HubSpotCallsApi::create(const QByteArray &body)
{
    QJsonObject props;
    HttpResponse fail;
    if (!parseProperties(body, &props, &fail))
        return fail;
    if (!validTimestamp(props.value(kTimestamp).toString()))
        return error(400, QStringLiteral("VALIDATION_ERROR"),
                     QStringLiteral("Property values were not valid: hs_timestamp is required (epoch ms or ISO 8601)"));
    const qint64 id = m_ledger.createObject(props, eventName(props, "create"));
    return hubspotJson(201, objectJson(id));
}

HttpResponse HubSpotCallsApi::read(const QString &id, const QString &idProperty)
{
    const qint64 n = resolve(id, idProperty);
    if (!n)
        return error(404, QStringLiteral("OBJECT_NOT_FOUND"), QStringLiteral("resource not found"));
    return hubspotJson(200, objectJson(n));
}

HttpResponse HubSpotCallsApi::patch(const QString &id, const QString &idProperty, const QByteArray &body)
{
    const qint64 n = resolve(id, idProperty);
    if (!n)
        return error(404, QStringLiteral("OBJECT_NOT_FOUND"), QStringLiteral("resource not found"));
    QJsonObject props;
    HttpResponse fail;
    if (!parseProperties(body, &props, &fail))
        return fail;
    m_ledger.updateObject(n, props, eventName(props, "update"));
    return hubspotJson(200, objectJson(n));
}

HttpResponse HubSpotCallsApi::search(const QByteArray &body, int searchDelayMs)
{
    QJsonObject in;
    HttpResponse fail;
    if (!parseBody(body, &in, &fail))
        return fail;
    const auto invalid = [](const QString &message) { return error(400, QStringLiteral("VALIDATION_ERROR"), message); };

    const QJsonArray groups = in.value(QStringLiteral("filterGroups")).toArray();
    if (groups.size() > kMaxFilterGroups)
        return invalid(QStringLiteral("at most %1 filterGroups").arg(kMaxFilterGroups));
    const qint64 visibleBefore = m_clock.nowMs() - searchDelayMs;
    QSet<qint64> matched;

    const auto matches = [](const SandboxLedger::Record &r, const QJsonArray &filters) {
        for (const QJsonValue &f : filters) {
            const QJsonObject filter = f.toObject();
            const QString name = filter.value(QStringLiteral("propertyName")).toString();
            const QString op = filter.value(QStringLiteral("operator")).toString();
            const QString have = r.data.value(name).toVariant().toString();
            const QString value = filter.value(QStringLiteral("value")).toVariant().toString();
            const bool present = !have.isEmpty();
            bool ok = false;
            if (op == QLatin1String("EQ"))
                ok = present && have == value;
            else if (op == QLatin1String("NEQ"))
                ok = have != value;
            else if (op == QLatin1String("HAS_PROPERTY"))
                ok = present;
            else if (op == QLatin1String("NOT_HAS_PROPERTY"))
                ok = !present;
            if (!ok)
                return false;
        }
        return true;
    };

    QList<QJsonArray> groupFilters;
    for (const QJsonValue &g : groups) {
        const QJsonArray filters = g.toObject().value(QStringLiteral("filters")).toArray();
        if (filters.size() > kMaxFiltersPerGroup)
            return invalid(QStringLiteral("at most %1 filters per group").arg(kMaxFiltersPerGroup));
        for (const QJsonValue &f : filters) {
            const QJsonObject filter = f.toObject();
            const QString op = filter.value(QStringLiteral("operator")).toString();
            // A sink that relies on an operator the sandbox does not play must fail here, loudly.
            if (op != QLatin1String("EQ") && op != QLatin1String("NEQ") && op != QLatin1String("HAS_PROPERTY")
                && op != QLatin1String("NOT_HAS_PROPERTY"))
                return invalid(QStringLiteral("operator '%1' is not supported by the sandbox").arg(op));
            if (filter.value(QStringLiteral("propertyName")).toString().isEmpty())
                return invalid(QStringLiteral("a filter needs a propertyName"));
        }
        groupFilters.append(filters);
    }

    const auto consider = [&](const SandboxLedger::Record &r) {
        if (r.createdMs > visibleBefore)
            return; // not indexed yet
        if (groupFilters.isEmpty()) {
            matched.insert(r.id);
            return;
        }
        for (const QJsonArray &filters : groupFilters) {
            if (matches(r, filters)) {
                matched.insert(r.id);
                return;
            }
        }
    };
    // The usual query is one EQ on call_uuid: answer it from the index, not by a scan.
    const auto eqCallUuid = [](const QJsonArray &filters) -> std::optional<QString> {
        for (const QJsonValue &f : filters) {
            const QJsonObject filter = f.toObject();
            if (filter.value(QStringLiteral("propertyName")).toString() == QLatin1String("call_uuid")
                && filter.value(QStringLiteral("operator")).toString() == QLatin1String("EQ"))
                return filter.value(QStringLiteral("value")).toVariant().toString();
        }
        return std::nullopt;
    };
    bool indexed = !groupFilters.isEmpty();
    for (const QJsonArray &filters : groupFilters)
        indexed = indexed && eqCallUuid(filters).has_value();
    if (indexed) {
        for (const QJsonArray &filters : groupFilters) {
            for (const SandboxLedger::Record *r : m_ledger.findByProperty(QStringLiteral("call_uuid"), *eqCallUuid(filters)))
                consider(*r);
        }
    } else {
        for (const SandboxLedger::Record *r : m_ledger.records())
            consider(*r);
    }

    const int limit = in.value(QStringLiteral("limit")).toInt(10);
    if (limit < 1 || limit > kMaxSearchLimit)
        return invalid(QStringLiteral("limit must be 1..%1").arg(kMaxSearchLimit));
    const int after = in.value(QStringLiteral("after")).toVariant().toString().toInt();
    std::optional<QStringList> wanted = QStringList();
    for (const QJsonValue &p : in.value(QStringLiteral("properties")).toArray())
        wanted->append(p.toString());

    QList<qint64> ids(matched.begin(), matched.end());
    std::sort(ids.begin(), ids.end());
    QJsonArray results;
    for (int i = after; i < ids.size() && i < after + limit; ++i)
        results.append(objectJson(ids.at(i), wanted));
    QJsonObject out{{QStringLiteral("total"), int(ids.size())}, {QStringLiteral("results"), results}};
    if (after + limit < ids.size())
        out.insert(QStringLiteral("paging"),
                   QJsonObject{{QStringLiteral("next"), QJsonObject{{QStringLiteral("after"), QString::number(after + limit)}}}});
    return hubspotJson(200, out);
}

HttpResponse HubSpotCallsApi::batchUpsert(const QByteArray &body)
{
    QJsonObject in;
    HttpResponse fail;
    if (!parseBody(body, &in, &fail))
        return fail;
    const auto invalid = [](const QString &message) { return error(400, QStringLiteral("VALIDATION_ERROR"), message); };
    const QJsonArray inputs = in.value(QStringLiteral("inputs")).toArray();
    if (inputs.isEmpty() || inputs.size() > kMaxBatch)
        return invalid(QStringLiteral("'inputs' must hold 1..%1 objects").arg(kMaxBatch));

    struct Input
    {
        QString idProperty;
        QString id;
        QJsonObject properties;
        qint64 existing = 0;
    };
    QList<Input> parsed;
    QSet<QString> seen;
    // Validate the whole batch before writing any of it: HubSpot rejects a bad batch as a whole.
    for (const QJsonValue &v : inputs) {
        const QJsonObject o = v.toObject();
        Input input;
        input.idProperty = o.value(QStringLiteral("idProperty")).toString();
        input.id = o.value(QStringLiteral("id")).toVariant().toString();
        if (input.idProperty.isEmpty() || input.id.isEmpty())
            return invalid(QStringLiteral("every input needs 'idProperty' and 'id'"));
        QString why;
        if (!normaliseProperties(o.value(QStringLiteral("properties")), &input.properties, &why))
            return invalid(why);
        const QString key = input.idProperty + QLatin1Char('\n') + input.id;
        if (seen.contains(key))
            return invalid(QStringLiteral("Duplicate IDs found in batch input: %1").arg(input.id));
        seen.insert(key);
        const auto found = m_ledger.findByProperty(input.idProperty, input.id);
        input.existing = found.isEmpty() ? 0 : found.first()->id;
        if (!input.existing && !validTimestamp(input.properties.value(kTimestamp).toString()))
            return invalid(QStringLiteral("Property values were not valid: hs_timestamp is required to create %1")
                               .arg(input.id));
        parsed.append(input);
    }

    const QString startedAt = isoMs(m_clock.nowMs());
    QJsonArray results;
    for (Input &input : parsed) {
        input.properties.insert(input.idProperty, input.id);
        qint64 id = input.existing;
        if (id)
            m_ledger.updateObject(id, input.properties, eventName(input.properties, "update"));
        else
            id = m_ledger.createObject(input.properties, eventName(input.properties, "create"));
        QJsonObject o = objectJson(id);
        o.insert(QStringLiteral("new"), !input.existing);
        results.append(o);
    }
    return hubspotJson(200, QJsonObject{
                                {QStringLiteral("status"), QStringLiteral("COMPLETE")},
                                {QStringLiteral("results"), results},
                                {QStringLiteral("startedAt"), startedAt},
                                {QStringLiteral("completedAt"), isoMs(m_clock.nowMs())},
                            });
}

} // namespace ringside
