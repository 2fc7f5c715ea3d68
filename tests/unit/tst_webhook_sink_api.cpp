#include "core/clock.h"
#include "sim/sandbox_ledger.h"
#include "sim/webhook_sink_api.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ringside;

namespace {

HttpRequest post(const QByteArray &body, const QByteArray &key = {})
{
    HttpRequest r;
    r.method = "POST";
    r.target = r.path = "/hooks/crm";
    r.body = body;
    if (!key.isEmpty())
        r.headers.append({QByteArrayLiteral("idempotency-key"), key});
    return r;
}

QByteArray delivery(const char *uuid, const char *event, int attempt = 1)
{
    return QStringLiteral(R"({"call":{"call_uuid":"%1","state":"%2","outcome":"answered"},
                             "event":{"event":"%2","call_uuid":"%1"},"delivery":{"id":7,"attempt":%3}})")
        .arg(QLatin1String(uuid), QLatin1String(event))
        .arg(attempt)
        .toUtf8();
}

} // namespace

class TestWebhookSinkApi : public QObject
{
    Q_OBJECT

private slots:
    void upsertAndReplay()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        WebhookSinkApi sink(ledger);

        HttpResponse r = sink.handle(post(delivery("c1", "call.initiated"), "d1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/json"));
        const QJsonObject first = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(first[QLatin1String("id")].toString(), QStringLiteral("10001"));
        QVERIFY(first[QLatin1String("created")].toBool());

        // The retry of the same delivery (a later attempt, same key): same answer, not applied.
        r = sink.handle(post(delivery("c1", "call.initiated", 2), "d1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(QJsonDocument::fromJson(r.body).object(), first);
        QVERIFY(r.headers.contains(qMakePair(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"))));

        r = sink.handle(post(delivery("c1", "call.completed"), "d2"));
        QCOMPARE(r.status, 200);
        QCOMPARE(QJsonDocument::fromJson(r.body).object()[QLatin1String("id")].toString(), QStringLiteral("10001"));

        const QJsonObject report = ledger.report();
        QCOMPARE(report[QLatin1String("records")].toInt(), 1);
        QCOMPARE(report[QLatin1String("idempotent_replays")].toInt(), 1);
        QCOMPARE(report[QLatin1String("unique_idempotency_keys")].toInt(), 2);
        const QJsonObject c1 = report[QLatin1String("calls")][QLatin1String("c1")].toObject();
        QCOMPARE(c1[QLatin1String("creates")].toInt(), 1);
        QCOMPARE(c1[QLatin1String("updates")].toInt(), 1);
        QCOMPARE(c1[QLatin1String("applied_events")].toArray(),
                 (QJsonArray{QStringLiteral("call.initiated"), QStringLiteral("call.completed")}));
        QCOMPARE(c1[QLatin1String("final")][QLatin1String("state")].toString(), QStringLiteral("call.completed"));
    }

    void withoutKeyEveryWriteApplies()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        WebhookSinkApi sink(ledger);
        QCOMPARE(sink.handle(post(delivery("c1", "call.answered"))).status, 200);
        QCOMPARE(sink.handle(post(delivery("c1", "call.answered"))).status, 200);
        const QJsonObject c1 = ledger.report()[QLatin1String("calls")][QLatin1String("c1")].toObject();
        QCOMPARE(c1[QLatin1String("creates")].toInt(), 1);
        QCOMPARE(c1[QLatin1String("updates")].toInt(), 1);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("malformed JSON") << QByteArray(R"({"call":)") << "malformed JSON";
        QTest::newRow("array") << QByteArray("[]") << "JSON object";
        QTest::newRow("no call") << QByteArray(R"({"event":{"event":"call.initiated"}})") << "'call'";
        QTest::newRow("no call_uuid") << QByteArray(R"({"call":{"state":"call.initiated"}})") << "call_uuid";
        QTest::newRow("numeric call_uuid") << QByteArray(R"({"call":{"call_uuid":5}})") << "call_uuid";
    }

    void rejects()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        ManualClock clock;
        SandboxLedger ledger(clock);
        WebhookSinkApi sink(ledger);
        const HttpResponse r = sink.handle(post(body, "k"));
        QCOMPARE(r.status, 400);
        const QString reason = QJsonDocument::fromJson(r.body).object()[QLatin1String("error")].toString();
        QVERIFY2(reason.contains(mentions), qPrintable(reason));
        QCOMPARE(ledger.recordCount(), 0);
        // A rejected request does not burn its key: the corrected retry is applied.
        QCOMPARE(ledger.report()[QLatin1String("unique_idempotency_keys")].toInt(), 0);
    }

    void onlyPost()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        WebhookSinkApi sink(ledger);
        HttpRequest r = post({});
        r.method = "GET";
        const HttpResponse response = sink.handle(r);
        QCOMPARE(response.status, 405);
        QVERIFY(response.headers.contains(qMakePair(QByteArrayLiteral("Allow"), QByteArrayLiteral("POST"))));
    }
};

QTEST_GUILESS_MAIN(TestWebhookSinkApi)
#include "tst_webhook_sink_api.moc"
