#include "delivery/hubspot_mapping.h"
#include "store/call_record.h"

#include <QJsonDocument>
#include <QTest>

using namespace ringside;

namespace {

qint64 at(const char *iso)
{
    return *parseIsoTime(QString::fromLatin1(iso));
}

/** The common parts of one call's events, as a provider would send them. */
struct Call
{
    QString uuid = QStringLiteral("c0ffee00-0000-4000-8000-000000000001");
    QString from = QStringLiteral("+4930901820");
    QString to = QStringLiteral("+4915112345678");
    QString direction = QStringLiteral("outbound");
    QString seat = QStringLiteral("seat-7");
    QString recording;
};

CanonicalEvent baseEvent(const Call &c, EventType type)
{
    CanonicalEvent e;
    e.type = type;
    e.callUuid = c.uuid;
    e.provider = QStringLiteral("unlimcall");
    e.from = c.from;
    e.to = c.to;
    e.direction = c.direction;
    e.seatId = c.seat;
    return e;
}

CanonicalEvent initiated(const Call &c, qint64 t)
{
    CanonicalEvent e = baseEvent(c, EventType::Initiated);
    e.initiatedAt = t;
    return e;
}

CanonicalEvent answered(const Call &c, qint64 t)
{
    CanonicalEvent e = baseEvent(c, EventType::Answered);
    e.answeredAt = t;
    return e;
}

CanonicalEvent completed(const Call &c, qint64 t, const char *cause, std::optional<int> code)
{
    CanonicalEvent e = baseEvent(c, EventType::Completed);
    e.endedAt = t;
    e.hangupCause = QString::fromLatin1(cause);
    e.hangupCauseCode = code;
    e.recordingUrl = c.recording;
    return e;
}

CallRecord fold(const QList<CanonicalEvent> &events)
{
    QList<StoredEvent> stored;
    qint64 received = at("2026-06-04T10:00:00Z");
    for (const CanonicalEvent &e : events)
        stored.append({e, e.callUuid + QLatin1Char(':') + eventTypeName(e.type), received++});
    return CallRecord::fold(stored);
}

const QHash<QString, QString> kOwners{{QStringLiteral("seat-7"), QStringLiteral("51234567")},
                                      {QStringLiteral("seat-9"), QStringLiteral("")}};

/** What every outbound test call from Call{} carries. */
QJsonObject outboundBase(const QString &status)
{
    return {
        {"hs_timestamp", "2026-06-04T09:14:00.000Z"},
        {"hs_call_title", "Outbound call to +4915112345678"},
        {"hs_call_direction", "OUTBOUND"},
        {"hs_call_from_number", "+4930901820"},
        {"hs_call_to_number", "+4915112345678"},
        {"hs_call_status", status},
        {"hubspot_owner_id", "51234567"},
        {"call_uuid", "c0ffee00-0000-4000-8000-000000000001"},
    };
}

QJsonObject with(QJsonObject o, const QJsonObject &more)
{
    for (auto it = more.begin(); it != more.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

} // namespace

Q_DECLARE_METATYPE(ringside::CallRecord)

/** Tests what a merged call record becomes in HubSpot: the properties of one Call engagement. */
class TestHubSpotMapping : public QObject
{
    Q_OBJECT

private slots:
    void properties_data();
    void properties();
    void customUuidProperty();
    void neverSendsEmptyStrings();
};

void TestHubSpotMapping::properties_data()
{
    QTest::addColumn<CallRecord>("call");
    QTest::addColumn<QJsonObject>("expected");

    const qint64 t0 = at("2026-06-04T09:14:00Z");
    const Call c;
    const QString connected = QLatin1String(HubSpotDisposition::kConnected);
    const QString busy = QLatin1String(HubSpotDisposition::kBusy);
    const QString noAnswer = QLatin1String(HubSpotDisposition::kNoAnswer);

    Call withRecording = c;
    withRecording.recording = QStringLiteral("https://rec.example.com/calls/1.mp3");
    QTest::newRow("answered outbound, completed, https recording")
        << fold({initiated(withRecording, t0), answered(withRecording, t0 + 12'000),
                 completed(withRecording, t0 + 197'000, "normal_clearing", 16)})
        << with(outboundBase("COMPLETED"),
                {{"hs_call_disposition", connected},
                 {"hs_call_duration", "185000"},
                 {"hs_call_recording_url", "https://rec.example.com/calls/1.mp3"},
                 {"hs_call_body",
                  "Answered. Hangup cause: NORMAL_CLEARING (Q.850 16). Ring time: 12 s. Talk time: 3 min 05 s."}});

    QTest::newRow("answered, events arrived in reverse order")
        << fold({completed(c, t0 + 197'000, "normal_clearing", 16), answered(c, t0 + 12'000), initiated(c, t0)})
        << with(outboundBase("COMPLETED"),
                {{"hs_call_disposition", connected},
                 {"hs_call_duration", "185000"},
                 {"hs_call_body",
                  "Answered. Hangup cause: NORMAL_CLEARING (Q.850 16). Ring time: 12 s. Talk time: 3 min 05 s."}});

    QTest::newRow("busy, code 17")
        << fold({initiated(c, t0), completed(c, t0 + 3'000, "user_busy", 17)})
        << with(outboundBase("BUSY"), {{"hs_call_disposition", busy},
                                       {"hs_call_duration", "0"},
                                       {"hs_call_body", "Busy. Hangup cause: USER_BUSY (Q.850 17). Ring time: 3 s."}});

    QTest::newRow("no answer, code 19")
        << fold({initiated(c, t0), completed(c, t0 + 30'000, "no_answer", 19)})
        << with(outboundBase("NO_ANSWER"),
                {{"hs_call_disposition", noAnswer},
                 {"hs_call_duration", "0"},
                 {"hs_call_body", "No answer. Hangup cause: NO_ANSWER (Q.850 19). Ring time: 30 s."}});

    QTest::newRow("no answer, code only: the name comes from the Q.850 table")
        << fold({initiated(c, t0), completed(c, t0 + 25'000, "", 18)})
        << with(outboundBase("NO_ANSWER"),
                {{"hs_call_disposition", noAnswer},
                 {"hs_call_duration", "0"},
                 {"hs_call_body", "No answer. Hangup cause: NO_USER_RESPONSE (Q.850 18). Ring time: 25 s."}});

    QTest::newRow("caller cancelled while it rang")
        << fold({initiated(c, t0), completed(c, t0 + 8'000, "originator_cancel", std::nullopt)})
        << with(outboundBase("CANCELED"), {{"hs_call_disposition", noAnswer},
                                           {"hs_call_duration", "0"},
                                           {"hs_call_body", "No answer. Hangup cause: ORIGINATOR_CANCEL. Ring time: 8 s."}});

    QTest::newRow("rejected counts as busy")
        << fold({initiated(c, t0), completed(c, t0 + 4'000, "call_rejected", 21)})
        << with(outboundBase("BUSY"),
                {{"hs_call_disposition", busy},
                 {"hs_call_duration", "0"},
                 {"hs_call_body", "Rejected. Hangup cause: CALL_REJECTED (Q.850 21). Ring time: 4 s."}});

    QTest::newRow("failed, unallocated number: no disposition fits")
        << fold({initiated(c, t0), completed(c, t0 + 1'000, "unallocated_number", 1)})
        << with(outboundBase("FAILED"),
                {{"hs_call_duration", "0"},
                 {"hs_call_body", "Failed. Hangup cause: UNALLOCATED_NUMBER (Q.850 1). Ring time: 1 s."}});

    QTest::newRow("in progress: answered, not completed")
        << fold({initiated(c, t0), answered(c, t0 + 12'000)})
        << with(outboundBase("IN_PROGRESS"),
                {{"hs_call_disposition", connected}, {"hs_call_body", "Answered, in progress. Ring time: 12 s."}});

    QTest::newRow("ringing: only initiated")
        << fold({initiated(c, t0)})
        << with(outboundBase("RINGING"), {{"hs_call_body", "Ringing, not answered yet."}});

    QTest::newRow("long call: hours in the body")
        << fold({initiated(c, t0), answered(c, t0 + 5'000), completed(c, t0 + 5'000 + 3'725'400, "normal_clearing", 16)})
        << with(outboundBase("COMPLETED"),
                {{"hs_call_disposition", connected},
                 {"hs_call_duration", "3725400"},
                 {"hs_call_body",
                  "Answered. Hangup cause: NORMAL_CLEARING (Q.850 16). Ring time: 5 s. Talk time: 1 h 02 min 05 s."}});

    Call inbound = c;
    inbound.direction = QStringLiteral("inbound");
    inbound.from = QStringLiteral("+4917612345678");
    inbound.to = QStringLiteral("+4930901820");
    QTest::newRow("inbound, answered")
        << fold({initiated(inbound, t0), answered(inbound, t0 + 4'000),
                 completed(inbound, t0 + 64'000, "normal_clearing", 16)})
        << QJsonObject{{"hs_timestamp", "2026-06-04T09:14:00.000Z"},
                       {"hs_call_title", "Inbound call from +4917612345678"},
                       {"hs_call_direction", "INBOUND"},
                       {"hs_call_from_number", "+4917612345678"},
                       {"hs_call_to_number", "+4930901820"},
                       {"hs_call_status", "COMPLETED"},
                       {"hs_call_disposition", connected},
                       {"hs_call_duration", "60000"},
                       {"hs_call_body",
                        "Answered. Hangup cause: NORMAL_CLEARING (Q.850 16). Ring time: 4 s. Talk time: 1 min 00 s."},
                       {"hubspot_owner_id", "51234567"},
                       {"call_uuid", "c0ffee00-0000-4000-8000-000000000001"}};

    Call http = c;
    http.recording = QStringLiteral("http://rec.example.com/calls/1.mp3");
    QTest::newRow("http recording URL is dropped")
        << fold({initiated(http, t0), answered(http, t0 + 12'000), completed(http, t0 + 197'000, "normal_clearing", 16)})
        << with(outboundBase("COMPLETED"),
                {{"hs_call_disposition", connected},
                 {"hs_call_duration", "185000"},
                 {"hs_call_body",
                  "Answered. Hangup cause: NORMAL_CLEARING (Q.850 16). Ring time: 12 s. Talk time: 3 min 05 s."}});

    Call bare;
    bare.from.clear();
    bare.to.clear();
    bare.direction.clear();
    bare.seat.clear();
    QTest::newRow("missing fields: only a completed event with an end time")
        << fold({completed(bare, t0 + 30'000, "no_answer", std::nullopt)})
        << QJsonObject{{"hs_timestamp", "2026-06-04T09:14:30.000Z"},
                       {"hs_call_title", "Call"},
                       {"hs_call_status", "NO_ANSWER"},
                       {"hs_call_disposition", noAnswer},
                       {"hs_call_duration", "0"},
                       {"hs_call_body", "No answer. Hangup cause: NO_ANSWER (Q.850 19)."},
                       {"call_uuid", "c0ffee00-0000-4000-8000-000000000001"}};

    CanonicalEvent timeless = baseEvent(bare, EventType::Initiated);
    QTest::newRow("missing fields: no time in any event, first receipt stands in")
        << fold({timeless})
        << QJsonObject{{"hs_timestamp", "2026-06-04T10:00:00.000Z"},
                       {"hs_call_title", "Call"},
                       {"hs_call_status", "RINGING"},
                       {"hs_call_body", "Ringing, not answered yet."},
                       {"call_uuid", "c0ffee00-0000-4000-8000-000000000001"}};

    Call unknownDirection = c;
    unknownDirection.direction.clear();
    unknownDirection.seat = QStringLiteral("seat-unmapped");
    QTest::newRow("no direction, unmapped seat: neutral title, no owner")
        << fold({initiated(unknownDirection, t0)})
        << QJsonObject{{"hs_timestamp", "2026-06-04T09:14:00.000Z"},
                       {"hs_call_title", "Call from +4930901820 to +4915112345678"},
                       {"hs_call_from_number", "+4930901820"},
                       {"hs_call_to_number", "+4915112345678"},
                       {"hs_call_status", "RINGING"},
                       {"hs_call_body", "Ringing, not answered yet."},
                       {"call_uuid", "c0ffee00-0000-4000-8000-000000000001"}};

    Call emptyOwner = c;
    emptyOwner.seat = QStringLiteral("seat-9"); // mapped to an empty owner id
    QJsonObject noOwner = with(outboundBase("RINGING"), {{"hs_call_body", "Ringing, not answered yet."}});
    noOwner.remove(QStringLiteral("hubspot_owner_id"));
    QTest::newRow("seat mapped to an empty owner: no owner") << fold({initiated(emptyOwner, t0)}) << noOwner;
}

void TestHubSpotMapping::properties()
{
    QFETCH(CallRecord, call);
    QFETCH(QJsonObject, expected);

    const QJsonObject got = hubspotCallProperties(call, QStringLiteral("call_uuid"), kOwners);
    if (got != expected) {
        qWarning().noquote() << "got:     " << QJsonDocument(got).toJson(QJsonDocument::Compact);
        qWarning().noquote() << "expected:" << QJsonDocument(expected).toJson(QJsonDocument::Compact);
    }
    QCOMPARE(got, expected);
}

void TestHubSpotMapping::customUuidProperty()
{
    Call c;
    const CallRecord call = fold({initiated(c, at("2026-06-04T09:14:00Z"))});
    const QJsonObject p = hubspotCallProperties(call, QStringLiteral("ringside_call_id"));
    QCOMPARE(p.value(QStringLiteral("ringside_call_id")).toString(), c.uuid);
    QVERIFY(!p.contains(QStringLiteral("call_uuid")));
    QVERIFY(!p.contains(QStringLiteral("hubspot_owner_id"))); // no seat map given
    QVERIFY(!hubspotCallProperties(call, QString()).contains(QStringLiteral("call_uuid")));
}

void TestHubSpotMapping::neverSendsEmptyStrings()
{
    // An upsert with "" would blank a property HubSpot already has from an earlier, fuller record.
    CallRecord empty;
    empty.callUuid = QStringLiteral("u1");
    const QJsonObject p = hubspotCallProperties(empty, QStringLiteral("call_uuid"), kOwners);
    for (auto it = p.begin(); it != p.end(); ++it) {
        QVERIFY2(it.value().isString(), qPrintable(it.key()));
        QVERIFY2(!it.value().toString().isEmpty(), qPrintable(it.key()));
    }
    QVERIFY(!p.contains(QStringLiteral("hs_timestamp"))); // nothing to take it from
}

QTEST_GUILESS_MAIN(TestHubSpotMapping)
#include "tst_hubspot_mapping.moc"
