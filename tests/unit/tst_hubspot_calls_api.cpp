#include "core/clock.h"
#include "sim/hubspot_calls_api.h"
#include "sim/sandbox_ledger.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ringside;

namespace {

HttpRequest request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {})
{
    HttpRequest r;
    r.method = method;
    r.target = target;
    const int q = target.indexOf('?');
    r.path = q < 0 ? target : target.left(q);
    r.query = q < 0 ? QByteArray() : target.mid(q + 1);
    r.body = body;
    return r;
}

QJsonObject bodyOf(const HttpResponse &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QByteArray searchBody(const char *uuid, const char *extra = "")
{
    return QByteArray(R"({"filterGroups":[{"filters":[{"propertyName":"call_uuid","operator":"EQ","value":")") + uuid
        + R"("}]}],"properties":["call_uuid","hs_call_status"])" + extra + "}";
}

} // namespace

class TestHubSpotCallsApi : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_clock = std::make_unique<ManualClock>();
        m_ledger = std::make_unique<SandboxLedger>(*m_clock);
        m_api = std::make_unique<HubSpotCallsApi>(*m_ledger, *m_clock);
    }

    void createStoresStringsAndAnswers201()
    {
        const HttpResponse r = m_api->handle(
            request("POST", "/crm/v3/objects/calls",
                    R"({"properties":{"call_uuid":"c1","hs_timestamp":1780000000000,"hs_call_duration":196000,
                        "hs_call_status":"COMPLETED"},"associations":[]})"),
            0);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.contentType, QByteArray("application/json;charset=utf-8")); // as HubSpot spells it
        const QJsonObject o = bodyOf(r);
        QCOMPARE(o[QLatin1String("id")].toString(), QStringLiteral("10001"));
        const QJsonObject props = o[QLatin1String("properties")].toObject();
        QCOMPARE(props[QLatin1String("hs_call_duration")], QJsonValue(QStringLiteral("196000")));
        QCOMPARE(props[QLatin1String("hs_timestamp")], QJsonValue(QStringLiteral("1780000000000")));
        QCOMPARE(props[QLatin1String("hs_object_id")].toString(), QStringLiteral("10001"));
        QCOMPARE(o[QLatin1String("archived")].toBool(true), false);
        QCOMPARE(m_ledger->recordCount(), 1);
    }

    void createRejects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("no hs_timestamp") << QByteArray(R"({"properties":{"call_uuid":"c1"}})");
        QTest::newRow("bad hs_timestamp") << QByteArray(R"({"properties":{"hs_timestamp":"yesterday"}})");
        QTest::newRow("no properties") << QByteArray(R"({"call_uuid":"c1"})");
        QTest::newRow("object value") << QByteArray(R"({"properties":{"hs_timestamp":"1","x":{"y":1}}})");
        QTest::newRow("not JSON") << QByteArray("{");
    }

    void createRejects()
    {
        QFETCH(QByteArray, body);
        const HttpResponse r = m_api->handle(request("POST", "/crm/v3/objects/calls", body), 0);
        QCOMPARE(r.status, 400);
        const QJsonObject o = bodyOf(r);
        QCOMPARE(o[QLatin1String("status")].toString(), QStringLiteral("error"));
        QCOMPARE(o[QLatin1String("category")].toString(), QStringLiteral("VALIDATION_ERROR"));
        QVERIFY(!o[QLatin1String("message")].toString().isEmpty());
        QCOMPARE(m_ledger->recordCount(), 0);
    }

    void searchCreatePatch()
    {
        HttpResponse r = m_api->handle(request("POST", "/crm/v3/objects/calls/search", searchBody("c1")), 0);
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r)[QLatin1String("total")].toInt(-1), 0);

        r = m_api->handle(request("POST", "/crm/v3/objects/calls",
                                  R"({"properties":{"call_uuid":"c1","hs_timestamp":"2026-06-04T09:14:22.000Z",
                                      "hs_call_status":"IN_PROGRESS"}})"),
                          0);
        QCOMPARE(r.status, 201);
        const QString id = bodyOf(r)[QLatin1String("id")].toString();

        r = m_api->handle(request("POST", "/crm/v3/objects/calls/search", searchBody("c1")), 0);
        QJsonObject found = bodyOf(r);
        QCOMPARE(found[QLatin1String("total")].toInt(), 1);
        const QJsonObject hit = found[QLatin1String("results")][0].toObject();
        QCOMPARE(hit[QLatin1String("id")].toString(), id);
        QCOMPARE(hit[QLatin1String("properties")][QLatin1String("hs_call_status")].toString(), QStringLiteral("IN_PROGRESS"));
        // Only the requested properties (and HubSpot's defaults) come back from search.
        QVERIFY(!hit[QLatin1String("properties")].toObject().contains(QLatin1String("hs_timestamp")));

        r = m_api->handle(request("PATCH", "/crm/v3/objects/calls/" + id.toLatin1(),
                                  R"({"properties":{"hs_call_status":"COMPLETED","ringside_event":"call.completed"}})"),
                          0);
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r)[QLatin1String("properties")][QLatin1String("hs_call_status")].toString(), QStringLiteral("COMPLETED"));

        r = m_api->handle(request("GET", "/crm/v3/objects/calls/c1?idProperty=call_uuid"), 0);
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r)[QLatin1String("id")].toString(), id);

        const QJsonObject report = m_ledger->report();
        const QJsonObject c1 = report[QLatin1String("calls")][QLatin1String("c1")].toObject();
        QCOMPARE(c1[QLatin1String("creates")].toInt(), 1);
        QCOMPARE(c1[QLatin1String("updates")].toInt(), 1);
        QCOMPARE(c1[QLatin1String("applied_events")].toArray(),
                 (QJsonArray{QStringLiteral("create"), QStringLiteral("call.completed")}));
    }

    void unknownIdIs404()
    {
        HttpResponse r = m_api->handle(request("PATCH", "/crm/v3/objects/calls/999", R"({"properties":{}})"), 0);
        QCOMPARE(r.status, 404);
        QCOMPARE(bodyOf(r)[QLatin1String("category")].toString(), QStringLiteral("OBJECT_NOT_FOUND"));
        QCOMPARE(m_api->handle(request("GET", "/crm/v3/objects/calls/abc"), 0).status, 404);
        QCOMPARE(m_api->handle(request("POST", "/crm/v3/objects/contacts", "{}"), 0).status, 404);
        QCOMPARE(m_api->handle(request("DELETE", "/crm/v3/objects/calls/1"), 0).status, 405);
        QCOMPARE(m_api->handle(request("GET", "/crm/v3/objects/calls/search"), 0).status, 405);
    }

    void searchLagsBehindCreate()
    {
        QCOMPARE(m_api->handle(request("POST", "/crm/v3/objects/calls",
                                       R"({"properties":{"call_uuid":"c1","hs_timestamp":"1"}})"),
                               0)
                     .status,
                 201);
        const auto total = [this] {
            return bodyOf(m_api->handle(request("POST", "/crm/v3/objects/calls/search", searchBody("c1")), 2000))
                [QLatin1String("total")]
                    .toInt(-1);
        };
        QCOMPARE(total(), 0);
        m_clock->advanceMs(2000);
        QCOMPARE(total(), 1);
    }

    void searchOperatorsAndPaging()
    {
        for (int i = 0; i < 5; ++i) {
            const QByteArray body = QStringLiteral(R"({"properties":{"call_uuid":"c%1","hs_timestamp":"1","hs_call_status":"%2"}})")
                                        .arg(i)
                                        .arg(i % 2 ? QStringLiteral("BUSY") : QStringLiteral("COMPLETED"))
                                        .toUtf8();
            QCOMPARE(m_api->handle(request("POST", "/crm/v3/objects/calls", body), 0).status, 201);
        }
        QJsonObject o = bodyOf(m_api->handle(
            request("POST", "/crm/v3/objects/calls/search",
                    R"({"filterGroups":[{"filters":[{"propertyName":"hs_call_status","operator":"EQ","value":"COMPLETED"}]}],"limit":2})"),
            0));
        QCOMPARE(o[QLatin1String("total")].toInt(), 3);
        QCOMPARE(o[QLatin1String("results")].toArray().size(), 2);
        QCOMPARE(o[QLatin1String("paging")][QLatin1String("next")][QLatin1String("after")].toString(), QStringLiteral("2"));

        // Two groups are OR'ed.
        o = bodyOf(m_api->handle(
            request("POST", "/crm/v3/objects/calls/search",
                    R"({"filterGroups":[{"filters":[{"propertyName":"call_uuid","operator":"EQ","value":"c0"}]},
                                        {"filters":[{"propertyName":"call_uuid","operator":"EQ","value":"c3"}]}]})"),
            0));
        QCOMPARE(o[QLatin1String("total")].toInt(), 2);

        const HttpResponse unsupported = m_api->handle(
            request("POST", "/crm/v3/objects/calls/search",
                    R"({"filterGroups":[{"filters":[{"propertyName":"call_uuid","operator":"CONTAINS_TOKEN","value":"c"}]}]})"),
            0);
        QCOMPARE(unsupported.status, 400);
        QVERIFY(bodyOf(unsupported)[QLatin1String("message")].toString().contains(QLatin1String("CONTAINS_TOKEN")));
    }

    void batchUpsert()
    {
        QCOMPARE(m_api->handle(request("POST", "/crm/v3/objects/calls",
                                       R"({"properties":{"call_uuid":"c1","hs_timestamp":"1"}})"),
                               0)
                     .status,
                 201);
        const HttpResponse r = m_api->handle(
            request("POST", "/crm/v3/objects/calls/batch/upsert",
                    R"({"inputs":[{"idProperty":"call_uuid","id":"c1","properties":{"hs_call_status":"COMPLETED"}},
                                  {"idProperty":"call_uuid","id":"c2","properties":{"hs_timestamp":"2"}}]})"),
            0);
        QCOMPARE(r.status, 200);
        const QJsonObject o = bodyOf(r);
        QCOMPARE(o[QLatin1String("status")].toString(), QStringLiteral("COMPLETE"));
        const QJsonArray results = o[QLatin1String("results")].toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0][QLatin1String("new")].toBool(true), false);
        QCOMPARE(results[1][QLatin1String("new")].toBool(false), true);
        QCOMPARE(results[1][QLatin1String("properties")][QLatin1String("call_uuid")].toString(), QStringLiteral("c2"));
        QCOMPARE(m_ledger->recordCount(), 2);
        QCOMPARE(m_ledger->report()[QLatin1String("duplicate_records")].toInt(), 0);
    }

    void batchUpsertRejectsAsAWhole_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("create without hs_timestamp")
            << QByteArray(R"({"inputs":[{"idProperty":"call_uuid","id":"a","properties":{"hs_timestamp":"1"}},
                                         {"idProperty":"call_uuid","id":"b","properties":{}}]})");
        QTest::newRow("duplicate ids")
            << QByteArray(R"({"inputs":[{"idProperty":"call_uuid","id":"a","properties":{"hs_timestamp":"1"}},
                                         {"idProperty":"call_uuid","id":"a","properties":{"hs_timestamp":"1"}}]})");
        QTest::newRow("no idProperty") << QByteArray(R"({"inputs":[{"id":"a","properties":{"hs_timestamp":"1"}}]})");
        QTest::newRow("empty") << QByteArray(R"({"inputs":[]})");
    }

    void batchUpsertRejectsAsAWhole()
    {
        QFETCH(QByteArray, body);
        QCOMPARE(m_api->handle(request("POST", "/crm/v3/objects/calls/batch/upsert", body), 0).status, 400);
        QCOMPARE(m_ledger->recordCount(), 0);
    }

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SandboxLedger> m_ledger;
    std::unique_ptr<HubSpotCallsApi> m_api;
};

QTEST_GUILESS_MAIN(TestHubSpotCallsApi)
#include "tst_hubspot_calls_api.moc"
