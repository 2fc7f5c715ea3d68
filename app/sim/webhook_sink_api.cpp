#include "sim/webhook_sink_api.h"

#include "sim/sandbox_ledger.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ringside {

namespace {

HttpResponse badRequest(const QString &reason)
{
    return HttpResponse::json(400, QJsonObject{{QStringLiteral("error"), reason}});
}

} // namespace

WebhookSinkApi::WebhookSinkApi(SandboxLedger &ledger) : m_ledger(ledger)
{
}

HttpResponse WebhookSinkApi::handle(const HttpRequest &request)
{
    if (request.method != "POST") {
        HttpResponse r = HttpResponse::json(
            405, QJsonObject{{QStringLiteral("error"), QStringLiteral("the webhook sink takes POST")}});
        r.headers.append({QByteArrayLiteral("Allow"), "POST"});
        return r;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("malformed JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return badRequest(QStringLiteral("the body must be a JSON object"));
    const QJsonObject body = doc.object();
    const QJsonValue callValue = body.value(QStringLiteral("call"));
    if (!callValue.isObject())
        return badRequest(QStringLiteral("'call' must be an object"));
    const QJsonObject call = callValue.toObject();
    const QString callUuid = call.value(QStringLiteral("call_uuid")).toString();
    if (callUuid.isEmpty())
        return badRequest(QStringLiteral("'call.call_uuid' is missing or not a string"));

    const QByteArray key = request.header("idempotency-key");
    if (!key.isEmpty()) {
        // The retry of a write that already took effect: same answer, no second effect.
        if (const auto previous = m_ledger.replay(key)) {
            HttpResponse r;
            r.contentType = "application/json";
            r.body = *previous;
            r.headers.append({QByteArrayLiteral("Idempotent-Replayed"), "true"});
            return r;
        }
    }

    QString event = body.value(QStringLiteral("event")).toObject().value(QStringLiteral("event")).toString();
    if (event.isEmpty())
        event = call.value(QStringLiteral("state")).toString();
    const SandboxLedger::Upsert upsert = m_ledger.upsertCall(callUuid, call, event);
    HttpResponse r = HttpResponse::json(200, QJsonObject{{QStringLiteral("id"), QString::number(upsert.id)},
                                                         {QStringLiteral("created"), upsert.created}});
    if (!key.isEmpty())
        m_ledger.rememberKey(key, r.body);
    return r;
}

} // namespace ringside
