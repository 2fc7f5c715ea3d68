#include "sim/failure_plan.h"

#include <QCommandLineParser>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace ringside {

namespace {

const QString kSeed = QStringLiteral("seed");
const QString kErrorRate = QStringLiteral("error_rate");
const QString kErrorStatus = QStringLiteral("error_status");
const QString kRate429 = QStringLiteral("rate_429");
const QString kRetryAfter = QStringLiteral("retry_after");
const QString kLatency = QStringLiteral("latency_ms");
const QString kLatencyJitter = QStringLiteral("latency_jitter_ms");
const QString kHangRate = QStringLiteral("hang_rate");
const QString kOutage = QStringLiteral("outage");
const QString kOutageAfterRequests = QStringLiteral("outage_after_requests");
const QString kOutageRequests = QStringLiteral("outage_requests");
const QString kOutageAfterSeconds = QStringLiteral("outage_after_seconds");
const QString kOutageSeconds = QStringLiteral("outage_seconds");
const QString kToken = QStringLiteral("token");
const QString kSearchDelay = QStringLiteral("search_delay_ms");

bool parseDouble(const QString &text, const QString &name, double *out, QString *error)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        *error = QStringLiteral("%1: '%2' is not a number").arg(name, text);
        return false;
    }
    *out = v;
    return true;
}

bool parseInt(const QString &text, const QString &name, qint64 *out, QString *error)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok) {
        *error = QStringLiteral("%1: '%2' is not an integer").arg(name, text);
        return false;
    }
    *out = v;
    return true;
}

// JSON numbers are doubles; an integer knob must hold a whole number.
bool jsonInt(const QJsonValue &value, const QString &name, qint64 *out, QString *error)
{
    const double d = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9e15) {
        *error = QStringLiteral("%1 must be an integer").arg(name);
        return false;
    }
    *out = qint64(d);
    return true;
}

bool jsonDouble(const QJsonValue &value, const QString &name, double *out, QString *error)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        *error = QStringLiteral("%1 must be a number").arg(name);
        return false;
    }
    *out = value.toDouble();
    return true;
}

qint64 secondsToMs(double seconds)
{
    return qint64(std::llround(seconds * 1000.0));
}

} // namespace

void FailurePlan::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("seed"), QStringLiteral("Seed of the failure decisions (default 1): same seed, same failures."),
         QStringLiteral("N")},
        {QStringLiteral("error-rate"), QStringLiteral("Share of CRM requests answered --error-status (0..1)."),
         QStringLiteral("R")},
        {QStringLiteral("error-status"), QStringLiteral("Status of injected errors (default 503)."),
         QStringLiteral("CODE")},
        {QStringLiteral("rate-429"), QStringLiteral("Share of CRM requests answered 429 (0..1)."), QStringLiteral("R")},
        {QStringLiteral("retry-after"), QStringLiteral("Retry-After seconds on injected 429s (default 1)."),
         QStringLiteral("S")},
        {QStringLiteral("latency-ms"), QStringLiteral("Delay before every answer."), QStringLiteral("MS")},
        {QStringLiteral("latency-jitter-ms"), QStringLiteral("Extra random delay, 0..MS."), QStringLiteral("MS")},
        {QStringLiteral("hang-rate"), QStringLiteral("Share of CRM requests never answered (0..1)."), QStringLiteral("R")},
        {QStringLiteral("outage"), QStringLiteral("Start in an outage: every CRM request gets 503.")},
        {QStringLiteral("outage-after-requests"), QStringLiteral("Start an outage after N CRM requests."),
         QStringLiteral("N")},
        {QStringLiteral("outage-requests"), QStringLiteral("The outage lasts M CRM requests."), QStringLiteral("M")},
        {QStringLiteral("outage-after-seconds"), QStringLiteral("Start an outage S seconds after start."),
         QStringLiteral("S")},
        {QStringLiteral("outage-seconds"), QStringLiteral("The timed outage lasts S seconds."), QStringLiteral("S")},
        {QStringLiteral("token"), QStringLiteral("Require 'Authorization: Bearer TOKEN' on CRM requests."),
         QStringLiteral("TOKEN")},
        {QStringLiteral("search-delay-ms"), QStringLiteral("HubSpot search misses objects younger than MS."),
         QStringLiteral("MS")},
    });
}

bool FailurePlan::fromParser(const QCommandLineParser &parser, FailurePlan *plan, QString *error)
{
    FailurePlan p = *plan;
    const auto dbl = [&](const char *flag, double *out) {
        const QString name = QString::fromLatin1(flag);
        return !parser.isSet(name) || parseDouble(parser.value(name), QLatin1String("--") + name, out, error);
    };
    const auto integer = [&](const char *flag, auto *out) {
        const QString name = QString::fromLatin1(flag);
        if (!parser.isSet(name))
            return true;
        using T = std::remove_pointer_t<decltype(out)>;
        qint64 v = 0;
        if (!parseInt(parser.value(name), QLatin1String("--") + name, &v, error))
            return false;
        if (v < qint64(std::numeric_limits<T>::min()) || v > qint64(std::numeric_limits<T>::max())) {
            *error = QStringLiteral("--%1: %2 is out of range").arg(name).arg(v);
            return false;
        }
        *out = T(v);
        return true;
    };
    qint64 seed = qint64(p.seed);
    double outageAfterSeconds = double(p.outageAfterMs) / 1000.0;
    double outageSeconds = double(p.outageDurationMs) / 1000.0;
    if (!integer("seed", &seed) || !dbl("error-rate", &p.errorRate) || !integer("error-status", &p.errorStatus)
        || !dbl("rate-429", &p.rate429) || !integer("retry-after", &p.retryAfterSeconds)
        || !integer("latency-ms", &p.latencyMs) || !integer("latency-jitter-ms", &p.latencyJitterMs)
        || !dbl("hang-rate", &p.hangRate) || !integer("outage-after-requests", &p.outageAfterRequests)
        || !integer("outage-requests", &p.outageRequests) || !dbl("outage-after-seconds", &outageAfterSeconds)
        || !dbl("outage-seconds", &outageSeconds) || !integer("search-delay-ms", &p.searchDelayMs))
        return false;
    p.seed = quint64(seed);
    p.outageAfterMs = secondsToMs(outageAfterSeconds);
    p.outageDurationMs = secondsToMs(outageSeconds);
    if (parser.isSet(QStringLiteral("outage")))
        p.outage = true;
    if (parser.isSet(QStringLiteral("token")))
        p.token = parser.value(QStringLiteral("token"));
    // A window start without a length is a typo, not a plan; a length alone starts at once.
    if (parser.isSet(QStringLiteral("outage-after-requests")) && !parser.isSet(QStringLiteral("outage-requests"))) {
        *error = QStringLiteral("--outage-after-requests needs --outage-requests");
        return false;
    }
    if (parser.isSet(QStringLiteral("outage-after-seconds")) && !parser.isSet(QStringLiteral("outage-seconds"))) {
        *error = QStringLiteral("--outage-after-seconds needs --outage-seconds");
        return false;
    }
    if (!p.validate(error))
        return false;
    *plan = p;
    return true;
}

bool FailurePlan::applyJson(const QJsonObject &changes, QString *error)
{
    FailurePlan p = *this;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue v = it.value();
        qint64 n = 0;
        double d = 0;
        bool ok = true;
        if (key == kSeed) {
            ok = jsonInt(v, key, &n, error);
            p.seed = quint64(n);
        } else if (key == kErrorRate) {
            ok = jsonDouble(v, key, &p.errorRate, error);
        } else if (key == kErrorStatus) {
            ok = jsonInt(v, key, &n, error);
            p.errorStatus = int(n);
        } else if (key == kRate429) {
            ok = jsonDouble(v, key, &p.rate429, error);
        } else if (key == kRetryAfter) {
            ok = jsonInt(v, key, &n, error);
            p.retryAfterSeconds = int(std::clamp<qint64>(n, -1, 1'000'000));
        } else if (key == kLatency) {
            ok = jsonInt(v, key, &n, error);
            p.latencyMs = int(std::clamp<qint64>(n, -1, 3'600'000));
        } else if (key == kLatencyJitter) {
            ok = jsonInt(v, key, &n, error);
            p.latencyJitterMs = int(std::clamp<qint64>(n, -1, 3'600'000));
        } else if (key == kHangRate) {
            ok = jsonDouble(v, key, &p.hangRate, error);
        } else if (key == kOutage) {
            if (!v.isBool()) {
                *error = QStringLiteral("outage must be true or false");
                return false;
            }
            p.outage = v.toBool();
        } else if (key == kOutageAfterRequests) {
            ok = jsonInt(v, key, &p.outageAfterRequests, error);
        } else if (key == kOutageRequests) {
            ok = jsonInt(v, key, &p.outageRequests, error);
        } else if (key == kOutageAfterSeconds) {
            ok = jsonDouble(v, key, &d, error);
            p.outageAfterMs = secondsToMs(d);
        } else if (key == kOutageSeconds) {
            ok = jsonDouble(v, key, &d, error);
            p.outageDurationMs = secondsToMs(d);
        } else if (key == kToken) {
            if (!v.isString() && !v.isNull()) {
                *error = QStringLiteral("token must be a string (empty or null: no token)");
                return false;
            }
            p.token = v.toString();
        } else if (key == kSearchDelay) {
            ok = jsonInt(v, key, &n, error);
            p.searchDelayMs = int(std::clamp<qint64>(n, -1, 3'600'000));
        } else if (key == QLatin1String("token_required")) {
            // Read-only (toJson() writes it); accepted unchanged so a GET config can be POSTed back.
            if (!v.isBool() || v.toBool() != !p.token.isEmpty()) {
                *error = QStringLiteral("token_required is read-only: set token instead");
                return false;
            }
        } else {
            *error = QStringLiteral("unknown key '%1'").arg(key);
            return false;
        }
        if (!ok)
            return false;
    }
    if (!p.validate(error))
        return false;
    *this = p;
    return true;
}

QJsonObject FailurePlan::toJson() const
{
    return QJsonObject{
        {kSeed, double(seed)},
        {kErrorRate, errorRate},
        {kErrorStatus, errorStatus},
        {kRate429, rate429},
        {kRetryAfter, retryAfterSeconds},
        {kLatency, latencyMs},
        {kLatencyJitter, latencyJitterMs},
        {kHangRate, hangRate},
        {kOutage, outage},
        {kOutageAfterRequests, double(outageAfterRequests)},
        {kOutageRequests, double(outageRequests)},
        {kOutageAfterSeconds, double(outageAfterMs) / 1000.0},
        {kOutageSeconds, double(outageDurationMs) / 1000.0},
        {QStringLiteral("token_required"), !token.isEmpty()},
        {kSearchDelay, searchDelayMs},
    };
}

bool FailurePlan::validate(QString *error) const
{
    const auto rate = [error](double r, const char *name) {
        if (r >= 0.0 && r <= 1.0)
            return true;
        *error = QStringLiteral("%1 must be between 0 and 1").arg(QLatin1String(name));
        return false;
    };
    const auto nonNegative = [error](qint64 v, const char *name) {
        if (v >= 0)
            return true;
        *error = QStringLiteral("%1 must not be negative").arg(QLatin1String(name));
        return false;
    };
    if (!rate(errorRate, "error_rate") || !rate(rate429, "rate_429") || !rate(hangRate, "hang_rate"))
        return false;
    if (errorStatus < 400 || errorStatus > 599) {
        *error = QStringLiteral("error_status must be a 4xx or 5xx status");
        return false;
    }
    if (seed > (quint64(1) << 53)) {
        *error = QStringLiteral("seed must be below 2^53 (it travels as a JSON number)");
        return false;
    }
    return nonNegative(retryAfterSeconds, "retry_after") && nonNegative(latencyMs, "latency_ms")
        && nonNegative(latencyJitterMs, "latency_jitter_ms") && nonNegative(outageAfterRequests, "outage_after_requests")
        && nonNegative(outageRequests, "outage_requests") && nonNegative(outageAfterMs, "outage_after_seconds")
        && nonNegative(outageDurationMs, "outage_seconds") && nonNegative(searchDelayMs, "search_delay_ms");
}

bool FailurePlan::movesRequestWindow(const QJsonObject &changes)
{
    return changes.contains(kOutageAfterRequests) || changes.contains(kOutageRequests);
}

bool FailurePlan::movesTimeWindow(const QJsonObject &changes)
{
    return changes.contains(kOutageAfterSeconds) || changes.contains(kOutageSeconds);
}

} // namespace ringside
