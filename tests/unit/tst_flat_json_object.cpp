#include "providers/flat_json_object.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ringside;

/** FlatJsonObject reads flat payloads as QJsonDocument would, and declines everything else. */
class TestFlatJsonObject : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsWhatQJsonDocumentReads_data();
    void readsWhatQJsonDocumentReads();
    void declines_data();
    void declines();
    void leavesManyMembersToQJsonDocument();
};

void TestFlatJsonObject::readsWhatQJsonDocumentReads_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("a call event") << QByteArray(
        R"({"event":"call.completed","call_uuid":"ab8c6f9d-0000-4000-8000-00000000000d","from":"+12025551234",)"
        R"("direction":"outbound","initiated_at":"2026-06-04T09:14:22.000Z","duration_seconds":214,)"
        R"("hangup_cause":"NORMAL_CLEARING","hangup_cause_code":16,"recording_url":"https://rec.example/r/1.opus"})");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("whitespace everywhere") << QByteArray(" \r\n\t{ \"a\" :\t\"b\" ,\n\"c\" : 1 } \n");
    QTest::newRow("escapes") << QByteArray(R"({"url":"https:\/\/x.example\/r","q":"say \"hi\"\\\n\t\r\b\f"})");
    QTest::newRow("null, true, false") << QByteArray(R"({"a":null,"b":true,"c":false})");
    QTest::newRow("whole numbers") << QByteArray(R"({"a":0,"b":-0,"c":-5,"d":123456789012345,"e":2147483647})");
    QTest::newRow("empty string and key") << QByteArray(R"({"":"","k":""})");
    QTest::newRow("DEL and printable ASCII") << QByteArray("{\"a\":\"\x7f ~!#$%&'()*+,-./:;<=>?@[]^_`{|}\"}");
}

void TestFlatJsonObject::readsWhatQJsonDocumentReads()
{
    QFETCH(QByteArray, json);
    const auto flat = FlatJsonObject::parse(json);
    QVERIFY(flat.has_value());
    QJsonParseError error;
    const QJsonObject reference = QJsonDocument::fromJson(json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    for (const QString &key : reference.keys()) {
        const JsonScalar expected = JsonScalar::of(reference.value(key));
        const JsonScalar actual = flat->value(QLatin1StringView(key.toLatin1()));
        QCOMPARE(actual.type, expected.type);
        QCOMPARE(actual.string, expected.string);
        QCOMPARE(actual.number, expected.number);
    }
    QCOMPARE(flat->value(QLatin1StringView("no such key")).type, QJsonValue::Undefined);
}

void TestFlatJsonObject::declines_data()
{
    QTest::addColumn<QByteArray>("json");
    // Valid JSON that QJsonDocument should read (nesting, numbers, escapes, text beyond ASCII).
    QTest::newRow("an object value") << QByteArray(R"({"a":{"b":1}})");
    QTest::newRow("an array value") << QByteArray(R"({"a":[1]})");
    QTest::newRow("a fraction") << QByteArray(R"({"a":196.5})");
    QTest::newRow("an exponent") << QByteArray(R"({"a":1e3})");
    QTest::newRow("16 digits") << QByteArray(R"({"a":1234567890123456})");
    QTest::newRow("a \\u escape") << QByteArray(R"({"a":"\u0041"})");
    QTest::newRow("UTF-8 text") << QByteArray("{\"a\":\"Z\xc3\xbcrich\"}");
    QTest::newRow("an escaped key") << QByteArray(R"({"a\"b":1})");
    QTest::newRow("a repeated key") << QByteArray(R"({"a":1,"a":2})");
    QTest::newRow("a byte order mark") << QByteArray("\xef\xbb\xbf{}");
    QTest::newRow("an array") << QByteArray("[]");
    // Not JSON: QJsonDocument words the error.
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("a trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("a missing comma") << QByteArray(R"({"a":1 "b":2})");
    QTest::newRow("garbage after") << QByteArray(R"({"a":1}x)");
    QTest::newRow("unterminated string") << QByteArray(R"({"a":"b)");
    QTest::newRow("unterminated object") << QByteArray(R"({"a":"b")");
    QTest::newRow("a control character") << QByteArray("{\"a\":\"b\nc\"}");
    QTest::newRow("a leading zero") << QByteArray(R"({"a":01})");
    QTest::newRow("a bare minus") << QByteArray(R"({"a":-})");
    QTest::newRow("a truncated literal") << QByteArray(R"({"a":tru})");
    QTest::newRow("an unknown escape") << QByteArray(R"({"a":"\x"})");
    QTest::newRow("single quotes") << QByteArray(R"({'a':'b'})");
}

void TestFlatJsonObject::declines()
{
    QFETCH(QByteArray, json);
    QVERIFY(!FlatJsonObject::parse(json).has_value());
}

// Its repeated-key check is quadratic: a body of countless tiny members must not cost seconds.
void TestFlatJsonObject::leavesManyMembersToQJsonDocument()
{
    const auto object = [](int members) {
        QByteArray json("{");
        for (int i = 0; i < members; ++i)
            json += (i ? "," : "") + QByteArray("\"k") + QByteArray::number(i) + "\":" + QByteArray::number(i);
        return json + '}';
    };
    QVERIFY(FlatJsonObject::parse(object(64)).has_value());
    QVERIFY(!FlatJsonObject::parse(object(65)).has_value());
}

QTEST_GUILESS_MAIN(TestFlatJsonObject)
#include "tst_flat_json_object.moc"
