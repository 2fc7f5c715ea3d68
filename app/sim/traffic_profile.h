#pragma once

#include "auth/auth_factory.h"

#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QUrl>

namespace ringside {

/** What `ringside-sim send` generates and how it misbehaves, like a real provider. */
struct TrafficProfile
{
    QUrl url{QStringLiteral("http://127.0.0.1:8080/webhooks/unlimcall")};
    int calls = 100;
    double callsPerSecond = 0;   // 0: as fast as the connections allow
    double answerRate = 0.6;     // of calls; the rest end with the mix below
    // Weights of the endings of unanswered calls: no answer, busy, rejected, failed.
    double noAnswerWeight = 0.55, busyWeight = 0.2, rejectedWeight = 0.15, failedWeight = 0.1;
    double ringMeanSeconds = 12; // exponential, capped at 60 s
    double talkMeanSeconds = 150;// exponential, capped at 2 h
    double inboundShare = 0.3;
    int seats = 20;
    int dids = 4;
    double duplicateRate = 0;    // per event: sent twice
    double reorderRate = 0;      // per call: completed first, initiated last
    double dropRate = 0;         // per event: never sent (incomplete calls)
    int burst = 1;               // calls that start at the same instant
    bool realTime = false;       // send each event at its call time (scaled); else all at once
    QList<int> retrySeconds{30, 120, 600}; // after a non-2xx or a timeout; then given up
    double timeScale = 1.0;      // multiplies every wait (retries, real time): 0.01 for tests
    int connections = 8;         // requests in flight at most
    int timeoutMs = 10'000;
    AuthSpec auth{QStringLiteral("none"), {}, {}};
    quint32 seed = 1;
    QString ackLog; // a file that gets "<call_uuid>:<event>" per acknowledged send, as it happens

    static void addOptions(QCommandLineParser &parser);
    /** False with a one-line *error naming the flag. */
    static bool fromParser(const QCommandLineParser &parser, TrafficProfile *profile, QString *error);
};

} // namespace ringside
