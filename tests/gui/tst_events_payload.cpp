#include "models/events_payload.h"

#include <QTest>

using namespace ringside;

class TestEventsPayload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prettyPrints_data();
    void prettyPrints();
    void tellsTextFromBinary_data();
    void tellsTextFromBinary();
};

void TestEventsPayload::prettyPrints_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("json object") << QByteArray(R"({"event":"call.completed","n":1})")
                                 << QStringLiteral("{\n    \"event\": \"call.completed\",\n    \"n\": 1\n}");
    QTest::newRow("broken json stays as sent") << QByteArray(R"({"event": "call.initiated")")
                                               << QStringLiteral(R"({"event": "call.initiated")");
    QTest::newRow("form text") << QByteArray("CallSid=CA1&From=%2B1") << QStringLiteral("CallSid=CA1&From=%2B1");
    QTest::newRow("binary as hex") << QByteArray("\x00\x41\xff", 3)
                                   << QStringLiteral("00000000  00 41 ff                                         .A.\n");
}

void TestEventsPayload::prettyPrints()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QCOMPARE(EventsPayload::pretty(bytes), expected);
}

void TestEventsPayload::tellsTextFromBinary_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("mayBeCut");
    QTest::addColumn<bool>("text");
    QTest::newRow("utf-8") << QByteArray("Zoë") << false << true;
    QTest::newRow("cut utf-8, whole") << QByteArray("Zo\xc3") << false << false;
    QTest::newRow("cut utf-8, a prefix") << QByteArray("Zo\xc3") << true << true;
    QTest::newRow("latin-1") << QByteArray("Zo\xebs") << true << false;
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << false << false;
    QTest::newRow("tabs and newlines") << QByteArray("a\tb\r\nc") << false << true;
}

void TestEventsPayload::tellsTextFromBinary()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, mayBeCut);
    QFETCH(bool, text);
    QCOMPARE(EventsPayload::text(bytes, mayBeCut).has_value(), text);
}

QTEST_MAIN(TestEventsPayload)
#include "tst_events_payload.moc"
