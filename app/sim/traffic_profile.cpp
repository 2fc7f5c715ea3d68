#include "sim/traffic_profile.h"

#include "auth/standard_webhooks_secret.h"

namespace ringside {

void TrafficProfile::addOptions(QCommandLineParser &p)
{
    const TrafficProfile d;
    const auto num = [](double v) { return QString::number(v); };
    p.addOptions({
        {QStringLiteral("url"), QStringLiteral("Webhook URL (default %1).").arg(d.url.toString()), QStringLiteral("URL")},
        {QStringLiteral("calls"), QStringLiteral("Calls to simulate (default %1).").arg(d.calls), QStringLiteral("N")},
        {QStringLiteral("rate"), QStringLiteral("Calls started per second (default: as fast as possible)."), QStringLiteral("CPS")},
        {QStringLiteral("answer-rate"), QStringLiteral("Share of calls answered (default %1).").arg(num(d.answerRate)), QStringLiteral("0..1")},
        {QStringLiteral("ring-mean"), QStringLiteral("Mean ring time in seconds (default %1).").arg(num(d.ringMeanSeconds)), QStringLiteral("S")},
        {QStringLiteral("talk-mean"), QStringLiteral("Mean talk time in seconds (default %1).").arg(num(d.talkMeanSeconds)), QStringLiteral("S")},
        {QStringLiteral("inbound"), QStringLiteral("Share of inbound calls (default %1).").arg(num(d.inboundShare)), QStringLiteral("0..1")},
        {QStringLiteral("hangup-mix"), QStringLiteral("Weights of no-answer,busy,rejected,failed among unanswered calls"
                                                      " (default 55,20,15,10)."), QStringLiteral("A,B,C,D")},
        {QStringLiteral("seats"), QStringLiteral("Number of seats (default %1).").arg(d.seats), QStringLiteral("N")},
        {QStringLiteral("dids"), QStringLiteral("Number of DIDs (default %1).").arg(d.dids), QStringLiteral("N")},
        {QStringLiteral("duplicates"), QStringLiteral("Share of events sent twice (default 0)."), QStringLiteral("0..1")},
        {QStringLiteral("reorder"), QStringLiteral("Share of calls sent completed-first (default 0)."), QStringLiteral("0..1")},
        {QStringLiteral("drop"), QStringLiteral("Share of events never sent (default 0)."), QStringLiteral("0..1")},
        {QStringLiteral("burst"), QStringLiteral("Calls that start at the same instant (default 1)."), QStringLiteral("N")},
        {QStringLiteral("real-time"), QStringLiteral("Send each event at its time in the call (scaled by --time-scale)"
                                                     " instead of all three at once.")},
        {QStringLiteral("retry-schedule"), QStringLiteral("Seconds between a failed send and its retries (default"
                                                          " 30,120,600; empty: no retries)."), QStringLiteral("S,S,...")},
        {QStringLiteral("time-scale"), QStringLiteral("Multiplies every wait (default 1; 0.01 makes 10 min 6 s)."),
         QStringLiteral("F")},
        {QStringLiteral("connections"), QStringLiteral("Requests in flight at most (default %1).").arg(d.connections),
         QStringLiteral("N")},
        {QStringLiteral("timeout"), QStringLiteral("Seconds before a send counts as failed (default 10)."), QStringLiteral("S")},
        {QStringLiteral("secret"), QStringLiteral("Sign every request the Standard Webhooks way."), QStringLiteral("whsec_...")},
        {QStringLiteral("token"), QStringLiteral("Send 'Authorization: Bearer TOKEN'."), QStringLiteral("TOKEN")},
        {QStringLiteral("seed"), QStringLiteral("Random seed: the same seed sends the same calls (default 1)."), QStringLiteral("N")},
        {QStringLiteral("json"), QStringLiteral("Print the report as one JSON object.")},
        {QStringLiteral("ack-log"), QStringLiteral("Append '<call_uuid>:<event>' to FILE for every 2xx, as it arrives"
                                                   " (what a provider knows was delivered)."), QStringLiteral("FILE")},
    });
}

namespace {

/** Reads a number flag if set; false with *error when it is not a number in [min, max]. */
bool number(const QCommandLineParser &p, const char *name, double min, double max, double *out, QString *error)
{
    const QString flag = QLatin1String(name);
    if (!p.isSet(flag))
        return true;
    bool ok = false;
    const double v = p.value(flag).toDouble(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("--%1 must be a number from %2 to %3, got '%4'").arg(flag).arg(min).arg(max).arg(p.value(flag));
        return false;
    }
    *out = v;
    return true;
}

bool integer(const QCommandLineParser &p, const char *name, int min, int max, int *out, QString *error)
{
    double v = *out;
    if (!number(p, name, min, max, &v, error))
        return false;
    if (v != double(qint64(v))) {
        *error = QStringLiteral("--%1 must be a whole number").arg(QLatin1String(name));
        return false;
    }
    *out = int(v);
    return true;
}

} // namespace

bool TrafficProfile::fromParser(const QCommandLineParser &p, TrafficProfile *t, QString *error)
{
    if (p.isSet(QStringLiteral("url"))) {
        t->url = QUrl(p.value(QStringLiteral("url")));
        if (!t->url.isValid() || t->url.scheme() != QLatin1String("http") || t->url.host().isEmpty()) {
            *error = QStringLiteral("--url must be an http:// URL, got '%1'").arg(p.value(QStringLiteral("url")));
            return false;
        }
    }
    double timeoutS = t->timeoutMs / 1000.0;
    double seed = t->seed;
    if (!integer(p, "calls", 1, 100'000'000, &t->calls, error) || !number(p, "rate", 0.001, 1e6, &t->callsPerSecond, error)
        || !number(p, "answer-rate", 0, 1, &t->answerRate, error)
        || !number(p, "ring-mean", 0, 600, &t->ringMeanSeconds, error)
        || !number(p, "talk-mean", 0, 7200, &t->talkMeanSeconds, error)
        || !number(p, "inbound", 0, 1, &t->inboundShare, error) || !integer(p, "seats", 1, 1'000'000, &t->seats, error)
        || !integer(p, "dids", 1, 1'000'000, &t->dids, error) || !number(p, "duplicates", 0, 1, &t->duplicateRate, error)
        || !number(p, "reorder", 0, 1, &t->reorderRate, error) || !number(p, "drop", 0, 1, &t->dropRate, error)
        || !integer(p, "burst", 1, 1'000'000, &t->burst, error) || !number(p, "time-scale", 0, 1000, &t->timeScale, error)
        || !integer(p, "connections", 1, 10'000, &t->connections, error)
        || !number(p, "timeout", 0.001, 3600, &timeoutS, error) || !number(p, "seed", 0, 4294967295.0, &seed, error))
        return false;
    t->timeoutMs = qMax(1, int(timeoutS * 1000));
    t->seed = quint32(seed);
    t->realTime = p.isSet(QStringLiteral("real-time"));
    t->ackLog = p.value(QStringLiteral("ack-log"));
    if (p.isSet(QStringLiteral("hangup-mix"))) {
        const QStringList parts = p.value(QStringLiteral("hangup-mix")).split(QLatin1Char(','));
        double w[4];
        bool ok = parts.size() == 4;
        for (int i = 0; ok && i < 4; ++i)
            w[i] = parts[i].toDouble(&ok), ok = ok && w[i] >= 0;
        if (!ok || w[0] + w[1] + w[2] + w[3] <= 0) {
            *error = QStringLiteral("--hangup-mix must be four non-negative weights, e.g. 55,20,15,10");
            return false;
        }
        t->noAnswerWeight = w[0], t->busyWeight = w[1], t->rejectedWeight = w[2], t->failedWeight = w[3];
    }
    if (p.isSet(QStringLiteral("retry-schedule"))) {
        t->retrySeconds.clear();
        for (const QString &s : p.value(QStringLiteral("retry-schedule")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int v = s.trimmed().toInt(&ok);
            if (!ok || v < 0) {
                *error = QStringLiteral("--retry-schedule must be seconds separated by commas, e.g. 30,120,600");
                return false;
            }
            t->retrySeconds << v;
        }
    }
    if (p.isSet(QStringLiteral("secret")) && p.isSet(QStringLiteral("token"))) {
        *error = QStringLiteral("--secret and --token are alternatives; give one");
        return false;
    }
    if (p.isSet(QStringLiteral("secret"))) {
        QString why;
        if (!StandardWebhooksSecret::parse(p.value(QStringLiteral("secret")), &why)) {
            *error = QStringLiteral("--secret: %1").arg(why);
            return false;
        }
        t->auth = {QStringLiteral("standard-webhooks"), {}, {p.value(QStringLiteral("secret"))}};
    }
    if (p.isSet(QStringLiteral("token")))
        t->auth = {QStringLiteral("bearer"), p.value(QStringLiteral("token")).toUtf8(), {}};
    return true;
}

} // namespace ringside
