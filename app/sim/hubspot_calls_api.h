#pragma once

#include "core/http_message.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ringside {

class Clock;
class SandboxLedger;

/** Plays HubSpot's CRM v3 Calls API (create, read, patch, search, batch upsert by a property)
 *  over a SandboxLedger, with HubSpot's status codes, error bodies and string-valued properties. */
class HubSpotCallsApi
{
public:
    HubSpotCallsApi(SandboxLedger &ledger, const Clock &clock);

    /** True for paths this API answers (everything under /crm/, unknown objects get 404). */
    static bool owns(const QByteArray &path);
    /** searchDelayMs: objects younger than this are not found by search yet, as on HubSpot. */
    HttpResponse handle(const HttpRequest &request, int searchDelayMs);

    /** HubSpot's error body: {"status":"error","message":...,"correlationId":...,"category":...}. */
    static HttpResponse error(int status, const QString &category, const QString &message);

private:
    HttpResponse create(const QByteArray &body);
    HttpResponse read(const QString &id, const QString &idProperty);
    HttpResponse patch(const QString &id, const QString &idProperty, const QByteArray &body);
    HttpResponse search(const QByteArray &body, int searchDelayMs);
    HttpResponse batchUpsert(const QByteArray &body);

    qint64 resolve(const QString &id, const QString &idProperty) const;
    /** The object as HubSpot returns it: all stored properties, or (search) only the wanted ones
     *  plus HubSpot's defaults (hs_object_id, hs_createdate, hs_lastmodifieddate). */
    QJsonObject objectJson(qint64 id, const std::optional<QStringList> &wanted = std::nullopt) const;

    SandboxLedger &m_ledger;
    const Clock &m_clock;
};

} // namespace ringside
