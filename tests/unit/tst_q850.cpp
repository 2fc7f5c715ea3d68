#include "providers/q850.h"

#include <QSet>
#include <QTest>

using namespace ringside;

/** Tests the hangup cause table lookups and how a finished call is classified from its cause. */
class TestQ850 : public QObject
{
    Q_OBJECT

private slots:
    void tableMatchesReference();
    void byCode_data();
    void byCode();
    void byName_data();
    void byName();
    void outcomeName_data();
    void outcomeName();
    void outcomeFor_data();
    void outcomeFor();
};

void TestQ850::tableMatchesReference()
{
    // reference/PROVIDERS.md: 24 Q.850 codes and 5 FreeSWITCH-only causes.
    int withCode = 0;
    QSet<QString> names;
    QSet<int> codes;
    for (const HangupCause &c : knownHangupCauses()) {
        QVERIFY2(!names.contains(QString(c.name)), c.name.data());
        names.insert(QString(c.name));
        QVERIFY2(!c.text.isEmpty(), c.name.data());
        QCOMPARE(QString(c.name), QString(c.name).toUpper());
        if (c.code) {
            ++withCode;
            QVERIFY(*c.code >= 1 && *c.code <= 127);
            QVERIFY(!codes.contains(*c.code));
            codes.insert(*c.code);
        }
    }
    QCOMPARE(withCode, 24);
    QCOMPARE(knownHangupCauses().size(), 29);
}

void TestQ850::byCode_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name"); // empty: unknown
    QTest::addColumn<QString>("text");
    QTest::newRow("1 unallocated") << 1 << "UNALLOCATED_NUMBER" << "Unallocated (unassigned) number";
    QTest::newRow("16 normal clearing") << 16 << "NORMAL_CLEARING" << "Normal call clearing";
    QTest::newRow("17 busy") << 17 << "USER_BUSY" << "User busy";
    QTest::newRow("18 no user response") << 18 << "NO_USER_RESPONSE" << "No user responding";
    QTest::newRow("19 no answer") << 19 << "NO_ANSWER" << "No answer from user (user alerted)";
    QTest::newRow("21 rejected") << 21 << "CALL_REJECTED" << "Call rejected";
    QTest::newRow("34 congestion") << 34 << "NORMAL_CIRCUIT_CONGESTION" << "No circuit/channel available";
    QTest::newRow("127 interworking") << 127 << "INTERWORKING" << "Interworking, unspecified";
    QTest::newRow("0 unknown") << 0 << "" << "";
    QTest::newRow("2 not in the table") << 2 << "" << "";
    QTest::newRow("487 is FreeSWITCH's, not Q.850") << 487 << "" << "";
}

void TestQ850::byCode()
{
    QFETCH(int, code);
    QFETCH(QString, name);
    QFETCH(QString, text);
    const HangupCause *c = hangupCauseByCode(code);
    if (name.isEmpty()) {
        QVERIFY(!c);
        return;
    }
    QVERIFY(c);
    QCOMPARE(c->code.value_or(-1), code);
    QCOMPARE(QString(c->name), name);
    QCOMPARE(QString(c->text), text);
}

void TestQ850::byName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    QTest::addColumn<int>("code"); // -1: no Q.850 code
    QTest::newRow("upper case") << "USER_BUSY" << true << 17;
    QTest::newRow("lower case") << "user_busy" << true << 17;
    QTest::newRow("mixed case") << "Normal_Clearing" << true << 16;
    QTest::newRow("surrounding spaces") << " no_answer " << true << 19;
    QTest::newRow("recovery on timer") << "recovery_on_timer_expire" << true << 102;
    QTest::newRow("FreeSWITCH-only: originator_cancel") << "originator_cancel" << true << -1;
    QTest::newRow("FreeSWITCH-only: ALLOTTED_TIMEOUT") << "ALLOTTED_TIMEOUT" << true << -1;
    QTest::newRow("FreeSWITCH-only: media_timeout") << "media_timeout" << true << -1;
    QTest::newRow("FreeSWITCH-only: user_not_registered") << "user_not_registered" << true << -1;
    QTest::newRow("FreeSWITCH-only: gateway_down") << "gateway_down" << true << -1;
    QTest::newRow("unknown") << "carrier_said_no" << false << -1;
    QTest::newRow("Telnyx timeout is not a table name") << "timeout" << false << -1;
    QTest::newRow("prefix of a name") << "user_bus" << false << -1;
    QTest::newRow("empty") << "" << false << -1;
}

void TestQ850::byName()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    QFETCH(int, code);
    const HangupCause *c = hangupCauseByName(name);
    QCOMPARE(c != nullptr, known);
    if (c)
        QCOMPARE(c->code.value_or(-1), code);
}

void TestQ850::outcomeName_data()
{
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("name");
    QTest::newRow("answered") << int(CallOutcome::Answered) << "answered";
    QTest::newRow("no answer") << int(CallOutcome::NoAnswer) << "no_answer";
    QTest::newRow("busy") << int(CallOutcome::Busy) << "busy";
    QTest::newRow("rejected") << int(CallOutcome::Rejected) << "rejected";
    QTest::newRow("failed") << int(CallOutcome::Failed) << "failed";
}

void TestQ850::outcomeName()
{
    QFETCH(int, outcome);
    QFETCH(QString, name);
    QCOMPARE(ringside::outcomeName(CallOutcome(outcome)), name);
}

void TestQ850::outcomeFor_data()
{
    QTest::addColumn<bool>("answered");
    QTest::addColumn<int>("code"); // -1: none
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("outcome");

    QTest::newRow("answered, normal clearing") << true << 16 << "normal_clearing" << "answered";
    QTest::newRow("answered wins over any cause") << true << 17 << "user_busy" << "answered";
    QTest::newRow("answered, no cause at all") << true << -1 << "" << "answered";
    QTest::newRow("busy, code 17") << false << 17 << "" << "busy";
    QTest::newRow("busy, name only") << false << -1 << "USER_BUSY" << "busy";
    QTest::newRow("no answer, code 19") << false << 19 << "no_answer" << "no_answer";
    QTest::newRow("no answer, code 18") << false << 18 << "" << "no_answer";
    QTest::newRow("no answer, code 20 subscriber absent") << false << 20 << "" << "no_answer";
    QTest::newRow("caller hung up while ringing, code 16") << false << 16 << "normal_clearing" << "no_answer";
    QTest::newRow("caller hung up while ringing, name only") << false << -1 << "normal_clearing" << "no_answer";
    QTest::newRow("originator_cancel (FreeSWITCH)") << false << -1 << "originator_cancel" << "no_answer";
    QTest::newRow("ORIGINATOR_CANCEL upper case") << false << -1 << "ORIGINATOR_CANCEL" << "no_answer";
    QTest::newRow("timeout (Telnyx)") << false << -1 << "timeout" << "no_answer";
    QTest::newRow("no_answer name only") << false << -1 << "no_answer" << "no_answer";
    QTest::newRow("rejected, code 21") << false << 21 << "call_rejected" << "rejected";
    QTest::newRow("rejected, name only") << false << -1 << "call_rejected" << "rejected";
    QTest::newRow("code wins over a contradicting name") << false << 17 << "call_rejected" << "busy";
    QTest::newRow("failed, unallocated number") << false << 1 << "unallocated_number" << "failed";
    QTest::newRow("failed, congestion 34") << false << 34 << "" << "failed";
    QTest::newRow("failed, 127 interworking") << false << 127 << "" << "failed";
    QTest::newRow("failed, gateway_down") << false << -1 << "gateway_down" << "failed";
    QTest::newRow("failed, media_timeout is not a ring timeout") << false << -1 << "media_timeout" << "failed";
    QTest::newRow("failed, unknown name") << false << -1 << "carrier_said_no" << "failed";
    QTest::newRow("failed, nothing known") << false << -1 << "" << "failed";
}

void TestQ850::outcomeFor()
{
    QFETCH(bool, answered);
    QFETCH(int, code);
    QFETCH(QString, cause);
    QFETCH(QString, outcome);
    const std::optional<int> c = code < 0 ? std::nullopt : std::optional<int>(code);
    QCOMPARE(ringside::outcomeName(ringside::outcomeFor(answered, c, cause)), outcome);
}

QTEST_GUILESS_MAIN(TestQ850)
#include "tst_q850.moc"
