#include "core/clock.h"
#include "sim/sandbox_ledger.h"

#include <QJsonArray>
#include <QTest>

using namespace ringside;

namespace {

QJsonObject call(const char *uuid, const char *state)
{
    return QJsonObject{{QStringLiteral("call_uuid"), QLatin1String(uuid)}, {QStringLiteral("state"), QLatin1String(state)}};
}

QStringList events(const QJsonObject &report, const char *uuid)
{
    QStringList out;
    for (const QJsonValue &v : report[QLatin1String("calls")][QLatin1String(uuid)][QLatin1String("applied_events")].toArray())
        out << v.toString();
    return out;
}

} // namespace

class TestSandboxLedger : public QObject
{
    Q_OBJECT

private slots:
    void upsertCreatesOnceThenUpdates()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        const auto first = ledger.upsertCall(QStringLiteral("c1"), call("c1", "call.initiated"), QStringLiteral("call.initiated"));
        QVERIFY(first.created);
        clock.advanceMs(10);
        const auto second = ledger.upsertCall(QStringLiteral("c1"), call("c1", "call.completed"), QStringLiteral("call.completed"));
        QVERIFY(!second.created);
        QCOMPARE(second.id, first.id);
        ledger.upsertCall(QStringLiteral("c2"), call("c2", "call.initiated"), QStringLiteral("call.initiated"));

        const QJsonObject report = ledger.report();
        QCOMPARE(report[QLatin1String("records")].toInt(), 2);
        QCOMPARE(report[QLatin1String("duplicate_records")].toInt(), 0);
        QCOMPARE(report[QLatin1String("creates")].toInt(), 2);
        QCOMPARE(report[QLatin1String("updates")].toInt(), 1);
        const QJsonObject c1 = report[QLatin1String("calls")][QLatin1String("c1")].toObject();
        QCOMPARE(c1[QLatin1String("creates")].toInt(), 1);
        QCOMPARE(c1[QLatin1String("updates")].toInt(), 1);
        QCOMPARE(events(report, "c1"), (QStringList{"call.initiated", "call.completed"}));
        QCOMPARE(c1[QLatin1String("final")][QLatin1String("state")].toString(), QStringLiteral("call.completed"));
        QCOMPARE(ledger.record(first.id)->updatedMs - ledger.record(first.id)->createdMs, qint64(10));
    }

    void idempotencyKeys()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        QVERIFY(!ledger.replay("k1"));
        ledger.rememberKey("k1", R"({"id":"10001"})");
        QCOMPARE(ledger.replay("k1").value_or(QByteArray()), QByteArray(R"({"id":"10001"})"));
        QCOMPARE(ledger.replay("k1").value_or(QByteArray()), QByteArray(R"({"id":"10001"})"));
        const QJsonObject report = ledger.report();
        QCOMPARE(report[QLatin1String("unique_idempotency_keys")].toInt(), 1);
        QCOMPARE(report[QLatin1String("idempotent_replays")].toInt(), 2);
    }

    void secondCreateIsADuplicate()
    {
        // A HubSpot create does not dedupe: a sink that creates twice leaves two records.
        ManualClock clock;
        SandboxLedger ledger(clock);
        const QJsonObject props{{QStringLiteral("call_uuid"), QStringLiteral("c1")}};
        const qint64 a = ledger.createObject(props, QStringLiteral("create"));
        const qint64 b = ledger.createObject(props, QStringLiteral("create"));
        QVERIFY(a != b);
        QCOMPARE(ledger.findByProperty(QStringLiteral("call_uuid"), QStringLiteral("c1")).size(), 2);
        const QJsonObject report = ledger.report();
        QCOMPARE(report[QLatin1String("duplicate_records")].toInt(), 1);
        QCOMPARE(report[QLatin1String("duplicate_calls")].toArray(), QJsonArray{QStringLiteral("c1")});
        QCOMPARE(report[QLatin1String("calls")][QLatin1String("c1")][QLatin1String("creates")].toInt(), 2);
    }

    void updateMergesAndClears()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        const qint64 id = ledger.createObject(
            QJsonObject{{QStringLiteral("call_uuid"), QStringLiteral("c1")}, {QStringLiteral("a"), QStringLiteral("1")},
                        {QStringLiteral("b"), QStringLiteral("2")}},
            QStringLiteral("create"));
        QVERIFY(ledger.updateObject(id, QJsonObject{{QStringLiteral("a"), QString()}, {QStringLiteral("c"), QStringLiteral("3")}},
                                    QStringLiteral("call.completed")));
        QVERIFY(!ledger.updateObject(id + 100, {}, QStringLiteral("x")));
        const QJsonObject data = ledger.record(id)->data;
        QVERIFY(!data.contains(QLatin1String("a")));
        QCOMPARE(data[QLatin1String("b")].toString(), QStringLiteral("2"));
        QCOMPARE(data[QLatin1String("c")].toString(), QStringLiteral("3"));
        QCOMPARE(events(ledger.report(), "c1"), (QStringList{"create", "call.completed"}));
    }

    void changingTheCallUuidMovesTheRecord()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        const qint64 id = ledger.createObject(QJsonObject{{QStringLiteral("call_uuid"), QStringLiteral("old")}},
                                              QStringLiteral("create"));
        ledger.updateObject(id, QJsonObject{{QStringLiteral("call_uuid"), QStringLiteral("new")}}, QStringLiteral("update"));
        QVERIFY(ledger.findByProperty(QStringLiteral("call_uuid"), QStringLiteral("old")).isEmpty());
        QCOMPARE(ledger.findByProperty(QStringLiteral("call_uuid"), QStringLiteral("new")).size(), 1);
    }

    void objectsWithoutCallUuid()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        ledger.createObject(QJsonObject{{QStringLiteral("hs_call_title"), QStringLiteral("x")}}, QStringLiteral("create"));
        const QJsonObject report = ledger.report();
        QCOMPARE(report[QLatin1String("records")].toInt(), 1);
        QCOMPARE(report[QLatin1String("records_without_call_uuid")].toInt(), 1);
        QVERIFY(report[QLatin1String("calls")].toObject().isEmpty());
        QCOMPARE(ledger.findByProperty(QStringLiteral("hs_call_title"), QStringLiteral("x")).size(), 1);
    }

    void trafficCountsAndClear()
    {
        ManualClock clock;
        SandboxLedger ledger(clock);
        ledger.noteRequest();
        ledger.noteRequest();
        ledger.noteControlRequest();
        ledger.noteAnswer(200);
        ledger.noteAnswer(503);
        ledger.noteInjected("error");
        const qint64 first = ledger.upsertCall(QStringLiteral("c1"), call("c1", "call.initiated"), {}).id;
        ledger.rememberKey("k", "{}");
        QJsonObject report = ledger.report(false);
        QVERIFY(!report.contains(QLatin1String("calls")));
        QCOMPARE(report[QLatin1String("requests")].toInt(), 2);
        QCOMPARE(report[QLatin1String("control_requests")].toInt(), 1);
        QCOMPARE(report[QLatin1String("by_status")][QLatin1String("503")].toInt(), 1);
        QCOMPARE(report[QLatin1String("injected")][QLatin1String("error")].toInt(), 1);

        ledger.clear();
        report = ledger.report();
        QCOMPARE(report[QLatin1String("requests")].toInt(), 0);
        QCOMPARE(report[QLatin1String("records")].toInt(), 0);
        QCOMPARE(report[QLatin1String("unique_idempotency_keys")].toInt(), 0);
        QVERIFY(report[QLatin1String("by_status")].toObject().isEmpty());
        // Ids start over, so a run after a reset is reproducible.
        QCOMPARE(ledger.upsertCall(QStringLiteral("c9"), call("c9", "call.initiated"), {}).id, first);
    }
};

QTEST_GUILESS_MAIN(TestSandboxLedger)
#include "tst_sandbox_ledger.moc"
