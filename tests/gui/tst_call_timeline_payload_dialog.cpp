#include "tst_call_timeline_fixture.h"
#include "ui/payload_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

class TestPayloadDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void prettyPrints_data();
    void prettyPrints();
    void showsHeadersThenTheBodyOfAReceipt();
    void aDuplicateSaysWhoseBodyItShows();
    void copyPutsTheTextOnTheClipboard();
    void isReadOnlyAndMonospace();

private:
    TimelineFixture m_store;
    CallTimeline m_call;
};

void TestPayloadDialog::initTestCase()
{
    QString error;
    QVERIFY2(m_store.start(&error), qPrintable(error));
    QVERIFY(m_store.buildOutOfOrderCall(QStringLiteral("call-ooo")));
    const auto t = m_store.load(QStringLiteral("call-ooo"), &error);
    QVERIFY2(t, qPrintable(error));
    m_call = *t;
}

void TestPayloadDialog::prettyPrints_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("expected");

    QTest::newRow("json") << QByteArray(R"({"event":"call.answered","n":1})") << "application/json"
                          << "{\n    \"event\": \"call.answered\",\n    \"n\": 1\n}";
    // As sent: keys not sorted, a 64-bit id not rounded, strings with braces and escapes untouched.
    QTest::newRow("json as sent") << QByteArray(R"( {"z":9007199254740993,"a":"{x, \"y\": [1]}","e":{},"l":[1, 2]})")
                                  << "application/json"
                                  << "{\n    \"z\": 9007199254740993,\n    \"a\": \"{x, \\\"y\\\": [1]}\",\n    \"e\": {},\n"
                                     "    \"l\": [\n        1,\n        2\n    ]\n}";
    QTest::newRow("twilio form") << QByteArray("CallSid=CA12&From=%2B12025550143&CallStatus=in-progress&Caller+Name=Ann+Lee")
                                 << "application/x-www-form-urlencoded; charset=utf-8"
                                 << "CallSid = CA12\nFrom = +12025550143\nCallStatus = in-progress\nCaller Name = Ann Lee";
    QTest::newRow("text") << QByteArray("not json {") << "text/plain" << "not json {";
    QTest::newRow("binary") << QByteArray("\x00\x01\xffZ", 4) << "application/octet-stream"
                            << "00000000  00 01 ff 5a                                      ...Z";
}

void TestPayloadDialog::prettyPrints()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, contentType);
    QFETCH(QString, expected);
    QCOMPARE(PayloadDialog::prettyPayload(payload, contentType), expected);
}

void TestPayloadDialog::showsHeadersThenTheBodyOfAReceipt()
{
    PayloadDialog dialog;
    const TimelineReceipt &r = m_call.receipts[0];
    dialog.setReceipt(r, m_call.call.firstReceivedAt);
    const QString text = dialog.text();
    QVERIFY(text.startsWith(QStringLiteral("content-type: application/json\nwebhook-id: unlimcall:call-ooo:call.completed")));
    QVERIFY(text.contains(QStringLiteral("\n\n{\n")));
    QVERIFY(text.contains(QStringLiteral("    \"call_uuid\": \"call-ooo\"")));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Payload of call.completed"));
    QVERIFY(dialog.findChild<QLabel *>()->text().contains(QStringLiteral("application/json")));
}

void TestPayloadDialog::aDuplicateSaysWhoseBodyItShows()
{
    PayloadDialog dialog;
    const TimelineReceipt &dup = m_call.receipts[3];
    QVERIFY(dup.duplicate);
    dialog.setReceipt(dup, m_call.call.firstReceivedAt);
    QVERIFY(dialog.findChild<QLabel *>()->text().contains(QStringLiteral("first receipt's")));
    QVERIFY(dialog.text().contains(QStringLiteral("\"call.initiated\"")));
}

void TestPayloadDialog::copyPutsTheTextOnTheClipboard()
{
    PayloadDialog dialog;
    dialog.setRequest(QStringLiteral("test"), QStringLiteral("x-a: 1"), QByteArray("{\"a\":1}"), QStringLiteral("application/json"));
    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyButton"));
    QVERIFY(copy);
    QApplication::clipboard()->clear();
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("x-a: 1\n\n{\n    \"a\": 1\n}"));
}

void TestPayloadDialog::isReadOnlyAndMonospace()
{
    PayloadDialog dialog;
    auto *edit = dialog.findChild<QPlainTextEdit *>();
    QVERIFY(edit);
    QVERIFY(edit->isReadOnly());
    QVERIFY(QFontInfo(edit->font()).fixedPitch());
    dialog.setReceipt(m_call.receipts[0], m_call.call.firstReceivedAt);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.grab().save(QStringLiteral("/tmp/ringside_timeline_payload_dialog.png"));
}

QTEST_MAIN(TestPayloadDialog)
#include "tst_call_timeline_payload_dialog.moc"
