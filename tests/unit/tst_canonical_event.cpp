#include "providers/canonical_event.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>
#include <ctime>

using namespace ringside;

Q_DECLARE_METATYPE(ringside::CanonicalEvent)

namespace {
// 2026-06-04T09:14:22.000Z
constexpr qint64 kT0 = 1780564462000;

CanonicalEvent fullCompleted()
{
    CanonicalEvent e;
    e.type = EventType::Completed;
    e.callUuid = QStringLiteral("a3f7c291-4b8e-4d2a-9c1f-08d7b3e4f6a2");
    e.provider = QStringLiteral("unlimcall");
    e.from = QStringLiteral("+12025551234");
    e.to = QStringLiteral("+4930123456789");
    e.direction = QStringLiteral("outbound");
    e.initiatedAt = kT0;
    e.answeredAt = kT0 + 7000;
    e.endedAt = kT0 + 203000;
    e.durationSeconds = 196;
    e.hangupCause = QStringLiteral("normal_clearing");
    e.hangupCauseCode = 16;
    e.seatId = QStringLiteral("seat_0481ab");
    e.didId = QStringLiteral("did_de_1092");
    e.recordingUrl = QStringLiteral("https://recordings.example.net/a3f7.mp3");
    return e;
}
} // namespace

/** Tests CanonicalEvent's JSON form and the ISO 8601 helpers every normaliser relies on. */
class TestCanonicalEvent : public QObject
{
    Q_OBJECT

private slots:
    void eventTypeNames_data();
    void eventTypeNames();
    void roundTrip_data();
    void roundTrip();
    void toJsonOmitsEmptyFields();
    void toJsonWritesIsoUtcWithMilliseconds();
    void fromJsonRejects_data();
    void fromJsonRejects();
    void fromJsonDropsCodeOutsideQ850();
    void eventTime_data();
    void eventTime();
    void parseIsoTime_data();
    void parseIsoTime();
    void parseIsoTimeWithoutOffsetIgnoresHostDstGap();
    void parseIsoTimeAgreesWithQDateTime_data();
    void parseIsoTimeAgreesWithQDateTime();
    void formatIsoTime_data();
    void formatIsoTime();
};

void TestCanonicalEvent::eventTypeNames_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("name");
    QTest::newRow("initiated") << int(EventType::Initiated) << "call.initiated";
    QTest::newRow("answered") << int(EventType::Answered) << "call.answered";
    QTest::newRow("completed") << int(EventType::Completed) << "call.completed";
}

void TestCanonicalEvent::eventTypeNames()
{
    QFETCH(int, type);
    QFETCH(QString, name);
    QCOMPARE(eventTypeName(EventType(type)), name);
    const auto back = eventTypeFromName(name);
    QVERIFY(back.has_value());
    QCOMPARE(int(*back), type);
    QVERIFY(!eventTypeFromName(name.toUpper()).has_value());
}

void TestCanonicalEvent::roundTrip_data()
{
    QTest::addColumn<CanonicalEvent>("event");

    CanonicalEvent initiated;
    initiated.type = EventType::Initiated;
    initiated.callUuid = QStringLiteral("c-1");
    initiated.from = QStringLiteral("+12025551234");
    initiated.to = QStringLiteral("+4930123456789");
    initiated.initiatedAt = kT0;
    QTest::newRow("initiated, few fields") << initiated;

    CanonicalEvent answered;
    answered.type = EventType::Answered;
    answered.callUuid = QStringLiteral("c-1");
    answered.answeredAt = kT0 + 7123;
    QTest::newRow("answered, milliseconds kept") << answered;

    QTest::newRow("completed, every field") << fullCompleted();

    CanonicalEvent telnyx = fullCompleted();
    telnyx.provider = QStringLiteral("telnyx");
    telnyx.providerEventId = QStringLiteral("2e3f4051-6b7c-4d8e-9fa0-1b2c3d4e5f60");
    telnyx.durationSeconds = 0;
    telnyx.hangupCauseCode.reset();
    telnyx.hangupCause = QStringLiteral("originator_cancel");
    QTest::newRow("completed, provider event id, zero duration, no code") << telnyx;

    CanonicalEvent unicode;
    unicode.type = EventType::Completed;
    unicode.callUuid = QStringLiteral("c-ü-1");
    unicode.seatId = QStringLiteral("Jürgen");
    QTest::newRow("non-ASCII strings") << unicode;
}

void TestCanonicalEvent::roundTrip()
{
    QFETCH(CanonicalEvent, event);
    const auto back = CanonicalEvent::fromJson(event.toJson());
    QVERIFY(back.has_value());
    QCOMPARE(back->toJson(), event.toJson());
    QVERIFY(*back == event);
}

void TestCanonicalEvent::toJsonOmitsEmptyFields()
{
    CanonicalEvent e;
    e.type = EventType::Answered;
    e.callUuid = QStringLiteral("c-1");
    const QJsonObject o = e.toJson();
    QCOMPARE(o.keys(), (QStringList{QStringLiteral("call_uuid"), QStringLiteral("event")}));
    QCOMPARE(o.value(QLatin1String("event")).toString(), QStringLiteral("call.answered"));
}

void TestCanonicalEvent::toJsonWritesIsoUtcWithMilliseconds()
{
    const QJsonObject o = fullCompleted().toJson();
    QCOMPARE(o.value(QLatin1String("initiated_at")).toString(), QStringLiteral("2026-06-04T09:14:22.000Z"));
    QCOMPARE(o.value(QLatin1String("ended_at")).toString(), QStringLiteral("2026-06-04T09:17:45.000Z"));
    QCOMPARE(o.value(QLatin1String("duration_seconds")).toInteger(), 196);
    QCOMPARE(o.value(QLatin1String("hangup_cause_code")).toInt(), 16);
}

void TestCanonicalEvent::fromJsonRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("no event") << QByteArray(R"({"call_uuid":"c-1"})");
    QTest::newRow("unknown event") << QByteArray(R"({"event":"call.ringing","call_uuid":"c-1"})");
    QTest::newRow("event not a string") << QByteArray(R"({"event":1,"call_uuid":"c-1"})");
    QTest::newRow("no call_uuid") << QByteArray(R"({"event":"call.answered"})");
    QTest::newRow("empty call_uuid") << QByteArray(R"({"event":"call.answered","call_uuid":""})");
}

void TestCanonicalEvent::fromJsonRejects()
{
    QFETCH(QByteArray, json);
    QVERIFY(!CanonicalEvent::fromJson(QJsonDocument::fromJson(json).object()).has_value());
}

void TestCanonicalEvent::fromJsonDropsCodeOutsideQ850()
{
    const auto e = CanonicalEvent::fromJson(QJsonDocument::fromJson(
        R"({"event":"call.completed","call_uuid":"c-1","hangup_cause_code":1e300,"duration_seconds":1e300})").object());
    QVERIFY(e.has_value());
    QVERIFY(!e->hangupCauseCode.has_value());
    QVERIFY(!e->durationSeconds.has_value());
}

void TestCanonicalEvent::eventTime_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("initiated -> initiated_at") << int(EventType::Initiated) << kT0;
    QTest::newRow("answered -> answered_at") << int(EventType::Answered) << kT0 + 7000;
    QTest::newRow("completed -> ended_at") << int(EventType::Completed) << kT0 + 203000;
}

void TestCanonicalEvent::eventTime()
{
    QFETCH(int, type);
    QFETCH(qint64, expected);
    CanonicalEvent e = fullCompleted();
    e.type = EventType(type);
    QCOMPARE(e.eventTime().value_or(-1), expected);
    e.initiatedAt.reset();
    e.answeredAt.reset();
    e.endedAt.reset();
    QVERIFY(!e.eventTime().has_value());
}

void TestCanonicalEvent::parseIsoTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("ms");

    QTest::newRow("Z with milliseconds") << "2026-06-04T09:14:22.000Z" << true << kT0;
    QTest::newRow("Z without fraction") << "2026-06-04T09:14:22Z" << true << kT0;
    QTest::newRow("Z with one fraction digit") << "2026-06-04T09:14:22.5Z" << true << kT0 + 500;
    QTest::newRow("Z with microseconds (Telnyx)") << "2026-06-04T09:14:22.102345Z" << true << kT0 + 102;
    QTest::newRow("fraction rounding into the next second") << "2026-06-04T09:14:22.9999Z" << true << kT0 + 1000;
    QTest::newRow("offset +02:00") << "2026-06-04T11:14:22+02:00" << true << kT0;
    QTest::newRow("offset -05:00 with milliseconds") << "2026-06-04T04:14:22.250-05:00" << true << kT0 + 250;
    QTest::newRow("offset +0200 without colon") << "2026-06-04T11:14:22+0200" << true << kT0;
    QTest::newRow("offset crossing midnight") << "2026-06-03T23:14:22-10:00" << true << kT0;
    QTest::newRow("no offset is UTC") << "2026-06-04T09:14:22" << true << kT0;
    QTest::newRow("no offset with milliseconds is UTC") << "2026-06-04T09:14:22.123" << true << kT0 + 123;
    QTest::newRow("date only is midnight UTC") << "2026-06-04" << true << qint64(1780531200000);

    QTest::newRow("invalid: empty") << "" << false << qint64(0);
    QTest::newRow("invalid: words") << "yesterday" << false << qint64(0);
    QTest::newRow("invalid: epoch seconds") << "1614265330" << false << qint64(0);
    QTest::newRow("invalid: month 13") << "2026-13-04T09:14:22Z" << false << qint64(0);
    QTest::newRow("invalid: hour 25") << "2026-06-04T25:14:22Z" << false << qint64(0);
    QTest::newRow("invalid: dot without digits") << "2026-06-04T09:14:22.Z" << false << qint64(0);
    QTest::newRow("invalid: trailing junk") << "2026-06-04T09:14:22Zjunk" << false << qint64(0);
    QTest::newRow("invalid: leading space") << " 2026-06-04T09:14:22Z" << false << qint64(0);
    QTest::newRow("invalid: RFC 2822 (Twilio)") << "Thu, 04 Jun 2026 09:14:22 +0000" << false << qint64(0);
}

void TestCanonicalEvent::parseIsoTime()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, ms);
    const auto parsed = ringside::parseIsoTime(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, ms);
}

void TestCanonicalEvent::parseIsoTimeWithoutOffsetIgnoresHostDstGap()
{
    // 02:30 on 2026-03-29 does not exist in Central European local time; as UTC it is an ordinary time.
    // A POSIX rule string needs no tzdata, so this runs the same on any host.
    const QByteArray oldTz = qgetenv("TZ");
    const bool hadTz = qEnvironmentVariableIsSet("TZ");
    qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
    tzset();
    const auto parsed = ringside::parseIsoTime(u"2026-03-29T02:30:00");
    if (hadTz)
        qputenv("TZ", oldTz);
    else
        qunsetenv("TZ");
    tzset();
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, qint64(1774751400000));
}

// parseIsoTime reads the common form itself; it must say exactly what QDateTime says.
void TestCanonicalEvent::parseIsoTimeAgreesWithQDateTime_data()
{
    QTest::addColumn<QString>("text");
    QStringList texts = {
        QStringLiteral("2024-02-29T23:59:59.999Z"), QStringLiteral("2000-02-29T12:00:00.000Z"),
        QStringLiteral("2100-02-29T00:00:00Z"),     QStringLiteral("2023-02-29T00:00:00Z"),
        QStringLiteral("2026-04-31T00:00:00Z"),     QStringLiteral("2026-06-04T24:00:00Z"),
        QStringLiteral("2026-06-04T09:14:60Z"),     QStringLiteral("2026-06-04T09:60:00Z"),
        QStringLiteral("2026-00-10T09:14:22Z"),     QStringLiteral("2026-06-00T09:14:22Z"),
        QStringLiteral("1969-12-31T23:59:59.999Z"), QStringLiteral("1970-01-01T00:00:00.000Z"),
        QStringLiteral("9999-12-31T23:59:59.999Z"), QStringLiteral("2026-06-04 09:14:22Z"),
        QStringLiteral("2026-06-04T09:14:22.000z"), QStringLiteral("2026-06-04T09:14:22.12Z"),
        QStringLiteral("2026-06-04T09:14:22,000Z"), QStringLiteral("2026-06-04T09:14:22.000+00:00"),
        QStringLiteral("2026-6-04T09:14:22.000Z"),  QStringLiteral("2026-06-04T9:14:22.000Z"),
        QStringLiteral("+026-06-04T09:14:22.000Z"), QStringLiteral("2026-06-04T09:14:22.0a0Z"),
    };
    // Every month's first and last days over two centuries, at times that exercise each field.
    const QStringList times = {QStringLiteral("00:00:00.000Z"), QStringLiteral("23:59:59.999Z"),
                               QStringLiteral("12:34:56"), QStringLiteral("07:08:09.010")};
    for (QDate d(1970, 1, 1); d.year() <= 2169; d = d.addMonths(1)) {
        for (const QDate day : {d, d.addDays(d.daysInMonth() - 1), d.addDays(d.daysInMonth() - 1).addDays(1)}) {
            texts << day.toString(Qt::ISODate) + u'T' + times[day.day() % times.size()];
        }
    }
    for (const QString &text : std::as_const(texts))
        QTest::addRow("%s", qPrintable(text)) << text;
}

void TestCanonicalEvent::parseIsoTimeAgreesWithQDateTime()
{
    QFETCH(QString, text);
    // What parseIsoTime did before it read the common form itself: QDateTime, no offset meaning UTC.
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid() || dt.timeSpec() == Qt::LocalTime) {
        const QDateTime utc = QDateTime::fromString(text + u'Z', Qt::ISODateWithMs);
        if (utc.isValid())
            dt = utc;
        else if (dt.isValid())
            dt.setTimeSpec(Qt::UTC);
    }
    const std::optional<qint64> expected = dt.isValid() ? std::optional<qint64>(dt.toMSecsSinceEpoch()) : std::nullopt;
    QCOMPARE(ringside::parseIsoTime(text), expected);
}

void TestCanonicalEvent::formatIsoTime_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole second") << kT0 << "2026-06-04T09:14:22.000Z";
    QTest::newRow("milliseconds") << kT0 + 7 << "2026-06-04T09:14:22.007Z";
    QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000Z";
}

void TestCanonicalEvent::formatIsoTime()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(ringside::formatIsoTime(ms), text);
    QCOMPARE(ringside::parseIsoTime(text).value_or(-1), ms);
}

QTEST_GUILESS_MAIN(TestCanonicalEvent)
#include "tst_canonical_event.moc"
