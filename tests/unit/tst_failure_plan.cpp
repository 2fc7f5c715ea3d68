#include "sim/failure_plan.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ringside;

namespace {

bool parseFlags(const QStringList &flags, FailurePlan *plan, QString *error)
{
    QCommandLineParser parser;
    FailurePlan::addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("ringside-sim")} + flags)) {
        *error = parser.errorText();
        return false;
    }
    return FailurePlan::fromParser(parser, plan, error);
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestFailurePlan : public QObject
{
    Q_OBJECT

private slots:
    void defaultsInjectNothing()
    {
        const FailurePlan plan;
        QString error;
        QVERIFY(plan.validate(&error));
        QCOMPARE(plan.errorRate, 0.0);
        QCOMPARE(plan.rate429, 0.0);
        QCOMPARE(plan.hangRate, 0.0);
        QCOMPARE(plan.latencyMs, 0);
        QVERIFY(!plan.outage);
        QVERIFY(plan.token.isEmpty());
    }

    void flags()
    {
        FailurePlan plan;
        QString error;
        QVERIFY2(parseFlags({"--seed", "42", "--error-rate", "0.3", "--error-status", "500", "--rate-429", "0.05",
                             "--retry-after", "2", "--latency-ms", "150", "--latency-jitter-ms", "20", "--hang-rate",
                             "0.01", "--outage-after-requests", "10", "--outage-requests", "5",
                             "--outage-after-seconds", "1.5", "--outage-seconds", "2", "--token", "secret",
                             "--search-delay-ms", "300"},
                            &plan, &error),
                 qPrintable(error));
        QCOMPARE(plan.seed, quint64(42));
        QCOMPARE(plan.errorRate, 0.3);
        QCOMPARE(plan.errorStatus, 500);
        QCOMPARE(plan.rate429, 0.05);
        QCOMPARE(plan.retryAfterSeconds, 2);
        QCOMPARE(plan.latencyMs, 150);
        QCOMPARE(plan.latencyJitterMs, 20);
        QCOMPARE(plan.hangRate, 0.01);
        QCOMPARE(plan.outageAfterRequests, qint64(10));
        QCOMPARE(plan.outageRequests, qint64(5));
        QCOMPARE(plan.outageAfterMs, qint64(1500));
        QCOMPARE(plan.outageDurationMs, qint64(2000));
        QCOMPARE(plan.token, QStringLiteral("secret"));
        QCOMPARE(plan.searchDelayMs, 300);
        QVERIFY(!plan.outage);
        QVERIFY(parseFlags({"--outage"}, &plan, &error));
        QVERIFY(plan.outage);
    }

    void badFlags_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("rate above 1") << QStringList{"--error-rate", "1.5"} << "error_rate";
        QTest::newRow("rate not a number") << QStringList{"--rate-429", "lots"} << "--rate-429";
        QTest::newRow("status 200") << QStringList{"--error-status", "200"} << "error_status";
        QTest::newRow("negative latency") << QStringList{"--latency-ms", "-5"} << "latency_ms";
        QTest::newRow("latency beyond int") << QStringList{"--latency-ms", "99999999999"} << "out of range";
        QTest::newRow("window start without length") << QStringList{"--outage-after-requests", "3"} << "--outage-requests";
        QTest::newRow("time start without length") << QStringList{"--outage-after-seconds", "3"} << "--outage-seconds";
        QTest::newRow("hang rate negative") << QStringList{"--hang-rate", "-0.1"} << "hang_rate";
    }

    void badFlags()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, mentions);
        FailurePlan plan;
        plan.errorRate = 0.25;
        QString error;
        QVERIFY(!parseFlags(flags, &plan, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QCOMPARE(plan.errorRate, 0.25); // untouched on error
    }

    void json()
    {
        FailurePlan plan;
        QString error;
        QVERIFY2(plan.applyJson(object(R"({"seed": 7, "error_rate": 1, "error_status": 500, "rate_429": 0.5,
            "retry_after": 3, "latency_ms": 40, "latency_jitter_ms": 5, "hang_rate": 0.2, "outage": true,
            "outage_after_requests": 2, "outage_requests": 4, "outage_after_seconds": 0.5, "outage_seconds": 1,
            "token": "new", "search_delay_ms": 100})"),
                                 &error),
                 qPrintable(error));
        QCOMPARE(plan.seed, quint64(7));
        QCOMPARE(plan.errorRate, 1.0);
        QCOMPARE(plan.errorStatus, 500);
        QCOMPARE(plan.rate429, 0.5);
        QCOMPARE(plan.retryAfterSeconds, 3);
        QCOMPARE(plan.latencyMs, 40);
        QCOMPARE(plan.latencyJitterMs, 5);
        QCOMPARE(plan.hangRate, 0.2);
        QVERIFY(plan.outage);
        QCOMPARE(plan.outageAfterRequests, qint64(2));
        QCOMPARE(plan.outageRequests, qint64(4));
        QCOMPARE(plan.outageAfterMs, qint64(500));
        QCOMPARE(plan.outageDurationMs, qint64(1000));
        QCOMPARE(plan.token, QStringLiteral("new"));
        QCOMPARE(plan.searchDelayMs, 100);

        // Only the keys given change; null or "" removes the token.
        QVERIFY(plan.applyJson(object(R"({"error_rate": 0, "token": null, "outage": false})"), &error));
        QCOMPARE(plan.errorRate, 0.0);
        QVERIFY(plan.token.isEmpty());
        QVERIFY(!plan.outage);
        QCOMPARE(plan.latencyMs, 40);
    }

    void badJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown key") << QByteArray(R"({"error_rate": 0.1, "eror_rate": 1})") << "eror_rate";
        QTest::newRow("rate as string") << QByteArray(R"({"error_rate": "0.1"})") << "error_rate";
        QTest::newRow("rate above 1") << QByteArray(R"({"hang_rate": 2})") << "hang_rate";
        QTest::newRow("fractional status") << QByteArray(R"({"error_status": 503.5})") << "error_status";
        QTest::newRow("status 302") << QByteArray(R"({"error_status": 302})") << "error_status";
        QTest::newRow("outage as number") << QByteArray(R"({"outage": 1})") << "outage";
        QTest::newRow("token as number") << QByteArray(R"({"token": 5})") << "token";
        QTest::newRow("negative window") << QByteArray(R"({"outage_requests": -1})") << "outage_requests";
    }

    void badJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        FailurePlan plan;
        QString error;
        QVERIFY(!plan.applyJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        // All or nothing: the valid key in the same change was not applied either.
        QCOMPARE(plan.errorRate, 0.0);
    }

    void toJsonRoundTrips()
    {
        FailurePlan plan;
        QString error;
        QVERIFY(plan.applyJson(object(R"({"seed": 9, "error_rate": 0.3, "rate_429": 0.1, "retry_after": 4,
            "outage_after_seconds": 2.5, "outage_seconds": 1, "token": "t"})"),
                               &error));
        QJsonObject json = plan.toJson();
        QVERIFY(json.value(QLatin1String("token_required")).toBool());
        QVERIFY(!json.contains(QLatin1String("token"))); // the secret itself is not echoed
        // GET config, POST it back: token_required is read-only but accepted when unchanged.
        FailurePlan same = plan;
        QVERIFY2(same.applyJson(json, &error), qPrintable(error));
        QVERIFY(!same.applyJson(QJsonObject{{QStringLiteral("token_required"), false}}, &error));
        QVERIFY(error.contains(QLatin1String("read-only")));
        json.remove(QLatin1String("token_required"));
        FailurePlan copy;
        QVERIFY2(copy.applyJson(json, &error), qPrintable(error));
        QCOMPARE(copy.seed, plan.seed);
        QCOMPARE(copy.errorRate, plan.errorRate);
        QCOMPARE(copy.rate429, plan.rate429);
        QCOMPARE(copy.retryAfterSeconds, plan.retryAfterSeconds);
        QCOMPARE(copy.outageAfterMs, plan.outageAfterMs);
        QCOMPARE(copy.outageDurationMs, plan.outageDurationMs);
    }

    void windowKeys()
    {
        QVERIFY(FailurePlan::movesRequestWindow(object(R"({"outage_requests": 3})")));
        QVERIFY(!FailurePlan::movesRequestWindow(object(R"({"outage_seconds": 3})")));
        QVERIFY(FailurePlan::movesTimeWindow(object(R"({"outage_after_seconds": 3})")));
        QVERIFY(!FailurePlan::movesTimeWindow(object(R"({"error_rate": 0})")));
    }
};

QTEST_GUILESS_MAIN(TestFailurePlan)
#include "tst_failure_plan.moc"
