#include "sim/sandbox_crm.h"

#include "sim/sim_logging.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUrlQuery>

namespace ringside {

Q_LOGGING_CATEGORY(lcSim, "ringside.sim")

namespace {

// A test tool still must not grow without bound when a client hammers it with hanging requests:
// past this many, the oldest held request is forgotten (its client waits out its own timeout).
constexpr int kMaxHanging = 10000;

HttpResponse controlError(int status, const QString &reason)
{
    return HttpResponse::json(status, QJsonObject{{QStringLiteral("error"), reason}});
}

bool isControlPath(const QByteArray &path)
{
    return path == "/_sandbox" || path.startsWith("/_sandbox/");
}

} // namespace

SandboxCrm::SandboxCrm(const FailurePlan &plan, const Clock &clock, QObject *parent)
    : QObject(parent),
      m_initialPlan(plan),
      m_injector(plan, clock),
      m_ledger(clock),
      m_hubspot(m_ledger, clock),
      m_webhook(m_ledger)
{
}

SandboxCrm::~SandboxCrm() = default;

void SandboxCrm::handle(HttpRequest request, HttpRespond respond)
{
    if (isControlPath(request.path)) {
        m_ledger.noteControlRequest();
        handleControl(request, respond);
        return;
    }
    m_ledger.noteRequest();
    const FailureDecision decision = m_injector.decide();
    if (decision.failed())
        m_ledger.noteInjected(FailureDecision::kindName(decision.kind));
    if (decision.kind == FailureDecision::Kind::Hang) {
        qCDebug(lcSim) << "holding" << request.method << request.path << "without an answer";
        if (m_hanging.size() >= kMaxHanging)
            m_hanging.removeFirst();
        m_hanging.append(std::move(respond));
        return;
    }
    if (decision.delayMs > 0) {
        // Answer later from a timer: a sleeping thread would delay every other connection too.
        QTimer::singleShot(decision.delayMs, this, [this, request = std::move(request), respond = std::move(respond),
                                                    decision] { handleCrm(request, respond, decision); });
        return;
    }
    handleCrm(request, respond, decision);
}

void SandboxCrm::handleCrm(const HttpRequest &request, const HttpRespond &respond, const FailureDecision &decision)
{
    if (decision.failed()) {
        qCDebug(lcSim) << "injected" << FailureDecision::kindName(decision.kind) << decision.status << request.method
                       << request.path;
        answer(respond, failureResponse(decision));
        return;
    }
    if (!authorised(request)) {
        HttpResponse r = HubSpotCallsApi::error(
            401, QStringLiteral("INVALID_AUTHENTICATION"),
            QStringLiteral("Authentication credentials not found or invalid: the sandbox wants 'Authorization: Bearer <token>'"));
        r.headers.append({QByteArrayLiteral("WWW-Authenticate"), "Bearer"});
        answer(respond, r);
        return;
    }
    if (HubSpotCallsApi::owns(request.path))
        answer(respond, m_hubspot.handle(request, m_injector.plan().searchDelayMs));
    else
        answer(respond, m_webhook.handle(request));
}

void SandboxCrm::answer(const HttpRespond &respond, const HttpResponse &response)
{
    m_ledger.noteAnswer(response.status);
    respond(response);
}

HttpResponse SandboxCrm::failureResponse(const FailureDecision &decision) const
{
    HttpResponse r;
    switch (decision.kind) {
    case FailureDecision::Kind::RateLimited: {
        // HubSpot's shape, so a sink's 429 handling is tested against what HubSpot sends.
        r = HttpResponse::json(429, QJsonObject{
                                        {QStringLiteral("status"), QStringLiteral("error")},
                                        {QStringLiteral("message"), QStringLiteral("You have reached your ten_secondly_rolling limit.")},
                                        {QStringLiteral("errorType"), QStringLiteral("RATE_LIMIT")},
                                        {QStringLiteral("correlationId"), QStringLiteral("sandbox")},
                                        {QStringLiteral("policyName"), QStringLiteral("TEN_SECONDLY_ROLLING")},
                                        {QStringLiteral("groupName"), QStringLiteral("publicapi:private-app:sandbox")},
                                    });
        if (decision.retryAfterSeconds >= 0)
            r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(decision.retryAfterSeconds)});
        break;
    }
    case FailureDecision::Kind::Outage:
        r = HubSpotCallsApi::error(503, QStringLiteral("SERVICE_UNAVAILABLE"), QStringLiteral("sandbox outage"));
        break;
    case FailureDecision::Kind::Error:
        r = HubSpotCallsApi::error(decision.status,
                                   decision.status >= 500 ? QStringLiteral("INTERNAL_ERROR") : QStringLiteral("INJECTED"),
                                   QStringLiteral("injected failure (sandbox error_rate)"));
        break;
    case FailureDecision::Kind::Pass:
    case FailureDecision::Kind::Hang:
        break;
    }
    return r;
}

bool SandboxCrm::authorised(const HttpRequest &request) const
{
    const QString &token = m_injector.plan().token;
    if (token.isEmpty())
        return true;
    const QByteArray header = request.header("authorization");
    const int space = header.indexOf(' ');
    return space > 0 && header.left(space).compare("Bearer", Qt::CaseInsensitive) == 0
        && header.mid(space + 1).trimmed() == token.toUtf8();
}

int SandboxCrm::releaseHanging()
{
    const QList<HttpRespond> held = std::exchange(m_hanging, {});
    for (const HttpRespond &respond : held) {
        HttpResponse r = HubSpotCallsApi::error(503, QStringLiteral("SERVICE_UNAVAILABLE"),
                                                QStringLiteral("sandbox released a hanging request"));
        r.closeConnection = true;
        answer(respond, r);
    }
    return int(held.size());
}

QJsonObject SandboxCrm::report(bool withCalls) const
{
    QJsonObject r = m_ledger.report(withCalls);
    r.insert(QStringLiteral("hanging"), int(m_hanging.size()));
    r.insert(QStringLiteral("plan"), m_injector.plan().toJson());
    return r;
}

void SandboxCrm::handleControl(const HttpRequest &request, const HttpRespond &respond)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    const QUrlQuery query(QString::fromLatin1(request.query));
    const auto wrongMethod = [&](const QByteArray &allow) {
        HttpResponse r = controlError(405, QStringLiteral("%1 takes %2").arg(QString::fromLatin1(path),
                                                                            QString::fromLatin1(allow)));
        r.headers.append({QByteArrayLiteral("Allow"), allow});
        respond(r);
    };

    if (path == "/_sandbox/report") {
        if (method != "GET")
            return wrongMethod("GET");
        const bool withCalls = query.queryItemValue(QStringLiteral("calls")) != QLatin1String("0");
        respond(HttpResponse::json(200, report(withCalls)));
        return;
    }
    if (path == "/_sandbox/config") {
        if (method == "GET") {
            respond(HttpResponse::json(200, m_injector.plan().toJson()));
            return;
        }
        if (method != "POST")
            return wrongMethod("GET, POST");
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            respond(controlError(400, QStringLiteral("the body must be a JSON object")));
            return;
        }
        QString error;
        if (!m_injector.reconfigure(doc.object(), &error)) {
            respond(controlError(400, error));
            return;
        }
        // The resulting plan, not the request body: the body may carry a token.
        qCInfo(lcSim).noquote() << "failure plan changed:"
                                << QString::fromUtf8(QJsonDocument(m_injector.plan().toJson()).toJson(QJsonDocument::Compact));
        respond(HttpResponse::json(200, m_injector.plan().toJson()));
        return;
    }
    if (path == "/_sandbox/reset") {
        if (method != "POST")
            return wrongMethod("POST");
        // Release first: a held request answered after the reset would count in the new run.
        releaseHanging();
        m_ledger.clear();
        if (query.queryItemValue(QStringLiteral("plan")) == QLatin1String("initial"))
            m_injector.setPlan(m_initialPlan);
        else
            m_injector.restart();
        qCInfo(lcSim) << "reset";
        respond(HttpResponse::json(200, QJsonObject{{QStringLiteral("reset"), true},
                                                    {QStringLiteral("plan"), m_injector.plan().toJson()}}));
        return;
    }
    if (path == "/_sandbox/release") {
        if (method != "POST")
            return wrongMethod("POST");
        respond(HttpResponse::json(200, QJsonObject{{QStringLiteral("released"), releaseHanging()}}));
        return;
    }
    respond(controlError(404, QStringLiteral("unknown sandbox route; try /_sandbox/report, /_sandbox/config, "
                                             "/_sandbox/reset, /_sandbox/release")));
}

} // namespace ringside
