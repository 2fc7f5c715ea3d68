#include "providers/unlimcall_normaliser.h"

#include <QDir>
#include <QJsonArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ringside;

namespace {
HttpRequest post(const QByteArray &body)
{
    HttpRequest r;
    r.method = "POST";
    r.target = r.path = "/webhooks/unlimcall";
    r.headers = {{"content-type", "application/json"}};
    r.body = body;
    return r;
}

// A complete, valid call.completed; error rows override one field of it.
QJsonObject validCompleted()
{
    return QJsonDocument::fromJson(R"({"event":"call.completed","call_uuid":"a3f7c291-4b8e-4d2a-9c1f-08d7b3e4f6a2",
        "from":"+12025551234","to":"+4930123456789","direction":"outbound",
        "initiated_at":"2026-06-04T09:14:22.000Z","answered_at":"2026-06-04T09:14:29.000Z",
        "ended_at":"2026-06-04T09:17:45.000Z","duration_seconds":196,
        "hangup_cause":"normal_clearing","hangup_cause_code":16,
        "seat_id":"seat_0481ab","did_id":"did_de_1092"})").object();
}

QByteArray with(const char *key, const QJsonValue &value)
{
    QJsonObject o = validCompleted();
    if (value.isUndefined())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), value);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray without(const char *key)
{
    return with(key, QJsonValue(QJsonValue::Undefined));
}
} // namespace

/** Tests UnlimCallNormaliser on the recorded sample payloads and on every way a payload can be wrong. */
class TestUnlimCallNormaliser : public QObject
{
    Q_OBJECT

private slots:
    void providerName();
    void samples_data();
    void samples();
    void recordedCallFields();
    void errors_data();
    void errors();
    void nullOptionalFieldsAreTolerated();
    void lengthLimitsAreInclusive_data();
    void lengthLimitsAreInclusive();
    void hangupCause_data();
    void hangupCause();
    void direction_data();
    void direction();
    void flatAndNestedPayloadsAgree_data();
    void flatAndNestedPayloadsAgree();

private:
    const UnlimCallNormaliser m_normaliser{};
};

void TestUnlimCallNormaliser::providerName()
{
    QCOMPARE(m_normaliser.provider(), QStringLiteral("unlimcall"));
}

void TestUnlimCallNormaliser::samples_data()
{
    QTest::addColumn<QByteArray>("body");
    const QDir dir(QStringLiteral(RINGSIDE_PAYLOADS_DIR "/unlimcall"));
    const QStringList files = dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable(QStringLiteral("no samples in ") + dir.path()));
    int rows = 0;
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        int lineNo = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            ++lineNo;
            if (line.isEmpty())
                continue;
            const QString event = QJsonDocument::fromJson(line).object().value(QLatin1String("event")).toString();
            QTest::addRow("%s line %d (%s)", qPrintable(name), lineNo, qPrintable(event)) << line;
            ++rows;
        }
    }
    QVERIFY(rows >= 9);
}

void TestUnlimCallNormaliser::samples()
{
    QFETCH(QByteArray, body);
    const NormaliseResult r = m_normaliser.normalise(post(body));
    QVERIFY2(r.event.has_value(), qPrintable(r.error));
    QVERIFY(r.error.isEmpty());

    // The samples already use the canonical field names and time format, so the canonical JSON must be
    // the sample without its nulls, plus the provider.
    QJsonObject expected = QJsonDocument::fromJson(body).object();
    for (const QString &key : expected.keys()) {
        if (expected.value(key).isNull())
            expected.remove(key);
    }
    expected.insert(QLatin1String("provider"), QStringLiteral("unlimcall"));
    QCOMPARE(r.event->toJson(), expected);
}

void TestUnlimCallNormaliser::recordedCallFields()
{
    QFile file(QStringLiteral(RINGSIDE_PAYLOADS_DIR "/unlimcall/recorded_call.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const NormaliseResult r = m_normaliser.normalise(post(file.readAll()));
    QVERIFY2(r.event.has_value(), qPrintable(r.error));
    const CanonicalEvent &e = *r.event;
    QCOMPARE(e.type, EventType::Completed);
    QCOMPARE(e.callUuid, QStringLiteral("0f9a8b7c-6d5e-4f3a-9b2c-1d0e9f8a7b6c"));
    QCOMPARE(e.provider, QStringLiteral("unlimcall"));
    QVERIFY(e.providerEventId.isEmpty());
    QCOMPARE(e.from, QStringLiteral("+12025551234"));
    QCOMPARE(e.to, QStringLiteral("+4989210440"));
    QCOMPARE(e.direction, QStringLiteral("outbound"));
    QCOMPARE(e.initiatedAt.value_or(-1), qint64(1780578300000)); // 2026-06-04T13:05:00Z
    QCOMPARE(e.answeredAt.value_or(-1), qint64(1780578309000));
    QCOMPARE(e.endedAt.value_or(-1), qint64(1780579304000));
    QCOMPARE(e.durationSeconds.value_or(-1), 995);
    QCOMPARE(e.hangupCause, QStringLiteral("normal_clearing"));
    QCOMPARE(e.hangupCauseCode.value_or(-1), 16);
    QCOMPARE(e.seatId, QStringLiteral("seat_0481ab"));
    QCOMPARE(e.didId, QStringLiteral("did_de_1092"));
    QCOMPARE(e.recordingUrl, QStringLiteral("https://recordings.example.net/0f9a8b7c.mp3"));
}

void TestUnlimCallNormaliser::errors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty body") << QByteArray() << "body is empty";
    QTest::newRow("whitespace body") << QByteArray(" \r\n") << "body is empty";
    // The wording after the colon is Qt's own; what matters is that it and the offset reach the user.
    QTest::newRow("truncated JSON")
        << QByteArray(R"({"event":"call.completed","call_uuid":"c-1")")
        << "body is not valid JSON: unterminated string at offset 43";
    QTest::newRow("unquoted string value")
        << QByteArray(R"({"event":call.completed})")
        << "body is not valid JSON: illegal number at offset 9";
    QTest::newRow("single quotes (a Python dict)")
        << QByteArray(R"({'event': 'call.completed'})")
        << "body is not valid JSON: unterminated object at offset 2";
    QTest::newRow("garbage after the object")
        << QByteArray(R"({"event":"call.completed"} x)")
        << "body is not valid JSON: garbage at the end of the document at offset 27";
    QTest::newRow("form-encoded body (Twilio sent to the wrong route)")
        << QByteArray("CallSid=CA1&CallStatus=completed")
        << "body is not valid JSON: illegal value at offset 1";
    QTest::newRow("JSON array") << QByteArray(R"([{"event":"call.completed"}])")
                                << "body is a JSON array, not an object";

    QTest::newRow("event missing") << without("event") << R"("event" is missing)";
    QTest::newRow("event null") << with("event", QJsonValue::Null) << R"("event" is missing)";
    QTest::newRow("event empty") << with("event", "") << R"("event" is empty)";
    QTest::newRow("event a number") << with("event", 3) << R"("event" must be a string, got a number)";
    QTest::newRow("event unknown") << with("event", "call.ringing")
        << R"("event" has unknown value "call.ringing" (expected call.initiated, call.answered or call.completed))";
    QTest::newRow("event in upper case") << with("event", "CALL.COMPLETED")
        << R"("event" has unknown value "CALL.COMPLETED" (expected call.initiated, call.answered or call.completed))";
    QTest::newRow("event unknown and long, echo shortened") << with("event", QString(100, u'x'))
        << QStringLiteral(R"("event" has unknown value "%1"... (100 characters) (expected call.initiated, call.answered or call.completed))")
               .arg(QString(64, u'x'));

    QTest::newRow("call_uuid missing") << without("call_uuid") << R"("call_uuid" is missing)";
    QTest::newRow("call_uuid null") << with("call_uuid", QJsonValue::Null) << R"("call_uuid" is missing)";
    QTest::newRow("call_uuid empty") << with("call_uuid", "") << R"("call_uuid" is empty)";
    QTest::newRow("call_uuid blank") << with("call_uuid", "   ") << R"("call_uuid" is empty)";
    QTest::newRow("call_uuid a number") << with("call_uuid", 12345) << R"("call_uuid" must be a string, got a number)";
    QTest::newRow("call_uuid an object") << with("call_uuid", QJsonObject{{"id", "x"}})
                                         << R"("call_uuid" must be a string, got an object)";
    QTest::newRow("call_uuid 129 characters") << with("call_uuid", QString(129, u'u'))
                                              << R"("call_uuid" is too long: 129 characters (at most 128))";

    QTest::newRow("from a number") << with("from", 12025551234.0) << R"("from" must be a string, got a number)";
    QTest::newRow("to an array") << with("to", QJsonArray{"+49"}) << R"("to" must be a string, got an array)";
    QTest::newRow("direction a boolean") << with("direction", true) << R"("direction" must be a string, got a boolean)";
    QTest::newRow("seat_id 257 characters") << with("seat_id", QString(257, u's'))
                                            << R"("seat_id" is too long: 257 characters (at most 256))";
    QTest::newRow("hangup_cause 100000 characters") << with("hangup_cause", QString(100000, u'h'))
        << R"("hangup_cause" is too long: 100000 characters (at most 256))";
    QTest::newRow("recording_url 2049 characters")
        << with("recording_url", QStringLiteral("https://r.example/") + QString(2049 - 18, u'r'))
        << R"("recording_url" is too long: 2049 characters (at most 2048))";

    QTest::newRow("initiated_at unparseable") << with("initiated_at", "yesterday")
                                              << R"("initiated_at" is not a valid ISO 8601 time: "yesterday")";
    QTest::newRow("answered_at RFC 2822") << with("answered_at", "Thu, 04 Jun 2026 09:14:29 +0000")
        << R"("answered_at" is not a valid ISO 8601 time: "Thu, 04 Jun 2026 09:14:29 +0000")";
    QTest::newRow("ended_at epoch seconds as a number") << with("ended_at", 1780564665)
        << R"("ended_at" must be an ISO 8601 time string, got a number)";
    QTest::newRow("ended_at a boolean") << with("ended_at", false)
                                        << R"("ended_at" must be an ISO 8601 time string, got a boolean)";
    QTest::newRow("ended_at 300 characters") << with("ended_at", QString(300, u'2'))
                                             << R"("ended_at" is too long: 300 characters (at most 256))";

    QTest::newRow("duration_seconds a string") << with("duration_seconds", "196")
                                               << R"("duration_seconds" must be a number, got a string)";
    QTest::newRow("duration_seconds a fraction") << with("duration_seconds", 196.5)
                                                 << R"("duration_seconds" must be a whole number, got 196.5)";
    QTest::newRow("duration_seconds negative") << with("duration_seconds", -5)
                                               << R"("duration_seconds" must be from 0 to 2147483647, got -5)";
    QTest::newRow("duration_seconds absurd") << with("duration_seconds", 1e12)
        << R"("duration_seconds" must be from 0 to 2147483647, got 1000000000000)";
    QTest::newRow("hangup_cause_code a string") << with("hangup_cause_code", "16")
                                                << R"("hangup_cause_code" must be a number, got a string)";
    QTest::newRow("hangup_cause_code a fraction") << with("hangup_cause_code", 16.5)
                                                  << R"("hangup_cause_code" must be a whole number, got 16.5)";
    QTest::newRow("hangup_cause a number") << with("hangup_cause", 16)
                                           << R"("hangup_cause" must be a string, got a number)";
}

void TestUnlimCallNormaliser::errors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const NormaliseResult r = m_normaliser.normalise(post(body));
    QVERIFY2(!r.event.has_value(), "expected the payload to be rejected");
    QCOMPARE(r.error, error);
}

void TestUnlimCallNormaliser::nullOptionalFieldsAreTolerated()
{
    const QByteArray body = R"({"event":"call.completed","call_uuid":"c-1","from":null,"to":null,"direction":null,
        "initiated_at":null,"answered_at":null,"ended_at":"","duration_seconds":null,"hangup_cause":null,
        "hangup_cause_code":null,"seat_id":null,"did_id":null,"recording_url":null,"unknown_extra":{"a":[1]}})";
    const NormaliseResult r = m_normaliser.normalise(post(body));
    QVERIFY2(r.event.has_value(), qPrintable(r.error));
    CanonicalEvent expected;
    expected.type = EventType::Completed;
    expected.callUuid = QStringLiteral("c-1");
    expected.provider = QStringLiteral("unlimcall");
    QVERIFY(*r.event == expected);
}

void TestUnlimCallNormaliser::lengthLimitsAreInclusive_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("call_uuid 128 characters") << with("call_uuid", QString(128, u'u'));
    QTest::newRow("seat_id 256 characters") << with("seat_id", QString(256, u's'));
    QTest::newRow("recording_url 2048 characters")
        << with("recording_url", QStringLiteral("https://r.example/") + QString(2048 - 18, u'r'));
    QTest::newRow("duration_seconds 0") << with("duration_seconds", 0);
    QTest::newRow("duration_seconds 2147483647") << with("duration_seconds", 2147483647.0);
}

void TestUnlimCallNormaliser::lengthLimitsAreInclusive()
{
    QFETCH(QByteArray, body);
    const NormaliseResult r = m_normaliser.normalise(post(body));
    QVERIFY2(r.event.has_value(), qPrintable(r.error));
}

void TestUnlimCallNormaliser::hangupCause_data()
{
    QTest::addColumn<QJsonValue>("cause");
    QTest::addColumn<QJsonValue>("code");
    QTest::addColumn<QString>("expectedCause");
    QTest::addColumn<int>("expectedCode"); // -1: none

    const QJsonValue absent(QJsonValue::Undefined);
    QTest::newRow("name and code kept") << QJsonValue("user_busy") << QJsonValue(17) << "user_busy" << 17;
    QTest::newRow("name lower-cased") << QJsonValue("USER_BUSY") << QJsonValue(17) << "user_busy" << 17;
    QTest::newRow("code filled from a known name") << QJsonValue("no_answer") << absent << "no_answer" << 19;
    QTest::newRow("code filled from a name when null") << QJsonValue("Call_Rejected") << QJsonValue(QJsonValue::Null)
                                                       << "call_rejected" << 21;
    QTest::newRow("name filled from a known code") << absent << QJsonValue(34) << "normal_circuit_congestion" << 34;
    QTest::newRow("FreeSWITCH-only name, no code") << QJsonValue("originator_cancel") << absent << "originator_cancel" << -1;
    QTest::newRow("FreeSWITCH number 487 dropped, name kept") << QJsonValue("originator_cancel") << QJsonValue(487)
                                                              << "originator_cancel" << -1;
    QTest::newRow("code 0 dropped, refilled from the name") << QJsonValue("normal_clearing") << QJsonValue(0)
                                                            << "normal_clearing" << 16;
    QTest::newRow("code 128 dropped, unknown name kept") << QJsonValue("carrier_said_no") << QJsonValue(128)
                                                         << "carrier_said_no" << -1;
    QTest::newRow("negative code dropped") << QJsonValue("weird") << QJsonValue(-1) << "weird" << -1;
    QTest::newRow("code 1 kept") << QJsonValue("unallocated_number") << QJsonValue(1) << "unallocated_number" << 1;
    QTest::newRow("code 127 kept") << QJsonValue("interworking") << QJsonValue(127) << "interworking" << 127;
    QTest::newRow("in-range code not in the table kept without a name") << absent << QJsonValue(99) << "" << 99;
    QTest::newRow("neither") << absent << absent << "" << -1;
}

void TestUnlimCallNormaliser::hangupCause()
{
    QFETCH(QJsonValue, cause);
    QFETCH(QJsonValue, code);
    QFETCH(QString, expectedCause);
    QFETCH(int, expectedCode);
    QJsonObject o{{"event", "call.completed"}, {"call_uuid", "c-1"}};
    if (!cause.isUndefined())
        o.insert(QLatin1String("hangup_cause"), cause);
    if (!code.isUndefined())
        o.insert(QLatin1String("hangup_cause_code"), code);
    const NormaliseResult r = m_normaliser.normalise(post(QJsonDocument(o).toJson()));
    QVERIFY2(r.event.has_value(), qPrintable(r.error));
    QCOMPARE(r.event->hangupCause, expectedCause);
    QCOMPARE(r.event->hangupCauseCode.value_or(-1), expectedCode);
}

void TestUnlimCallNormaliser::direction_data()
{
    QTest::addColumn<QString>("sent");
    QTest::addColumn<QString>("kept");
    QTest::newRow("inbound") << "inbound" << "inbound";
    QTest::newRow("outbound") << "outbound" << "outbound";
    QTest::newRow("Outbound, capitalised") << "Outbound" << "outbound";
    QTest::newRow("outbound-api (Twilio style) dropped") << "outbound-api" << "";
    QTest::newRow("incoming (Telnyx style) dropped") << "incoming" << "";
    QTest::newRow("empty") << "" << "";
}

void TestUnlimCallNormaliser::direction()
{
    QFETCH(QString, sent);
    QFETCH(QString, kept);
    const NormaliseResult r = m_normaliser.normalise(post(with("direction", sent)));
    QVERIFY2(r.event.has_value(), qPrintable(r.error));
    QCOMPARE(r.event->direction, kept);
}


// A flat payload is read without QJsonDocument; one member more that is an object makes it go
// through QJsonDocument. The result (event or error) must be the same either way.
void TestUnlimCallNormaliser::flatAndNestedPayloadsAgree_data()
{
    samples_data(); // the "body" column and a row per sample
    QTest::newRow("escapes in strings") << with("recording_url", "https://rec.example/r/\"a\"/1.opus");
    QTest::newRow("nulls") << with("seat_id", QJsonValue::Null);
    QTest::newRow("code -0") << QByteArray(R"({"event":"call.completed","call_uuid":"c","hangup_cause_code":-0})");
    QTest::newRow("wrong type") << with("duration_seconds", "196");
    QTest::newRow("missing field") << without("call_uuid");
    QTest::newRow("bad time") << with("ended_at", "2026-02-30T10:00:00.000Z");
    QTest::newRow("whitespace") << QByteArray(" {\n \"event\" : \"call.initiated\" ,\t\"call_uuid\":\"c\" }\n");
}

void TestUnlimCallNormaliser::flatAndNestedPayloadsAgree()
{
    QFETCH(QByteArray, body);
    const qsizetype brace = body.indexOf('{');
    QVERIFY(brace >= 0);
    QByteArray nested = body;
    nested.insert(brace + 1, R"("x_extra":{"a":[1]},)");
    const NormaliseResult flat = m_normaliser.normalise(post(body));
    const NormaliseResult full = m_normaliser.normalise(post(nested));
    QCOMPARE(flat.error, full.error);
    QCOMPARE(flat.event.has_value(), full.event.has_value());
    if (flat.event)
        QCOMPARE(*flat.event, *full.event);
}

QTEST_GUILESS_MAIN(TestUnlimCallNormaliser)
#include "tst_unlimcall_normaliser.moc"
