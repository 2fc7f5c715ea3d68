#include "delivery/webhook_body.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace ringside;

// WebhookBody writes every member of these by hand. A member added to either struct (and to its
// toJson()) must be added to WebhookBody and to full() below too; these asserts make sure that is
// noticed.
static_assert(sizeof(CallRecord) == 368, "CallRecord changed: update WebhookBody's writeCall() and this test");
static_assert(sizeof(CanonicalEvent) == 320, "CanonicalEvent changed: update WebhookBody's writeEvent() and this test");

namespace {

/** What the body is defined to be: the models' own JSON, as QJsonDocument writes it. */
QByteArray reference(const DeliveryPayload &p, const QString &sinkName)
{
    const QJsonObject delivery{{QStringLiteral("id"), double(p.job.id)},
                               {QStringLiteral("sink"), sinkName},
                               {QStringLiteral("attempt"), p.job.attempts + 1},
                               {QStringLiteral("idempotency_key"), p.job.idempotencyKey}};
    const QJsonObject o{{QStringLiteral("call"), p.call.toJson()},
                        {QStringLiteral("event"), p.event.toJson()},
                        {QStringLiteral("delivery"), delivery}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/** Every member set. */
DeliveryPayload full()
{
    DeliveryPayload p;
    p.job.id = 123456;
    p.job.attempts = 3;
    p.job.idempotencyKey = QStringLiteral("default:77");
    CallRecord &c = p.call;
    c.callUuid = QStringLiteral("run1-000123");
    c.provider = QStringLiteral("unlimcall");
    c.state = EventType::Completed;
    c.eventsSeen = 7;
    c.from = QStringLiteral("+15551230000");
    c.to = QStringLiteral("+15559870000");
    c.direction = QStringLiteral("outbound");
    c.seatId = QStringLiteral("seat-7");
    c.didId = QStringLiteral("did-3");
    c.recordingUrl = QStringLiteral("https://rec.example/a.wav?x=1&y=2");
    c.initiatedAt = 1'780'000'000'000;
    c.answeredAt = 1'780'000'005'000;
    c.endedAt = 1'780'000'065'001;
    c.durationSeconds = 60;
    c.hangupCause = QStringLiteral("normal_clearing");
    c.hangupCauseCode = 16;
    c.outcome = QStringLiteral("answered");
    c.ringMs = 5000;
    c.talkMs = 60001;
    c.firstReceivedAt = 1'780'000'000'100;
    c.lastReceivedAt = 1'780'000'065'100;
    CanonicalEvent &e = p.event;
    e.type = EventType::Completed;
    e.callUuid = c.callUuid;
    e.provider = c.provider;
    e.providerEventId = QStringLiteral("evt-9");
    e.from = c.from;
    e.to = c.to;
    e.direction = c.direction;
    e.initiatedAt = c.initiatedAt;
    e.answeredAt = c.answeredAt;
    e.endedAt = c.endedAt;
    e.durationSeconds = 60;
    e.hangupCause = c.hangupCause;
    e.hangupCauseCode = 16;
    e.seatId = c.seatId;
    e.didId = c.didId;
    e.recordingUrl = c.recordingUrl;
    return p;
}

QString randomText(QRandomGenerator &rng)
{
    // ASCII, the JSON specials, control characters, 2-, 3- and 4-byte UTF-8, and lone surrogates.
    static const char16_t pool[] = {u'a', u'Z', u'0', u' ', u'"', u'\\', u'/', u'\b', u'\f', u'\n', u'\r', u'\t',
                                    0x01, 0x1f, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x2028, 0x65e5, 0xfeff, 0xffff,
                                    0xd83d, 0xde00, 0xdbff, 0xdc00};
    QString s;
    const int length = int(rng.bounded(6));
    for (int i = 0; i < length; ++i)
        s += QChar(pool[rng.bounded(int(std::size(pool)))]);
    return s;
}

std::optional<qint64> randomTime(QRandomGenerator &rng)
{
    switch (rng.bounded(4)) {
    case 0: return std::nullopt;
    case 1: return qint64(rng.bounded(253'402'300'800'000.0)); // any time up to the year 9999
    case 2: return -qint64(rng.bounded(100'000'000'000.0));    // before 1970
    default: return qint64(1'780'000'000'000) + qint64(rng.bounded(100'000'000));
    }
}

std::optional<qint64> randomNumber(QRandomGenerator &rng)
{
    switch (rng.bounded(4)) {
    case 0: return std::nullopt;
    case 1: return qint64(rng.bounded(100'000));
    case 2: return qint64(rng.bounded(1e15)) * (rng.bounded(2) ? 1 : -1);
    default: return qint64(rng.bounded(10)) * qint64(std::pow(10.0, rng.bounded(16)));
    }
}

} // namespace

/** Tests that the hand-written webhook body is byte for byte the models' JSON. */
class TestWebhookBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameBytesAsTheModelsJson_data();
    void sameBytesAsTheModelsJson();
    void sameBytesForRandomPayloads();
};

void TestWebhookBody::sameBytesAsTheModelsJson_data()
{
    QTest::addColumn<DeliveryPayload>("payload");
    QTest::newRow("every member set") << full();
    QTest::newRow("nothing set") << DeliveryPayload();
    DeliveryPayload p = full();
    p.call.from = QStringLiteral("\"quoted\" \\ back\\slash\n\t\r\b\f\x01\x1f\x7f");
    p.event.to = QString::fromUtf8("é 日本 😀 \u2028");
    p.call.to = QString(QChar(0xd83d)) + QStringLiteral("lone") + QChar(0xde00);
    QTest::newRow("strings to escape") << p;
    p = full();
    p.call.ringMs = 5'000'000;
    p.call.talkMs = 123'456'789'000;
    p.call.durationSeconds = -5;
    p.event.durationSeconds = 9'007'199'254'740'993;
    p.job.id = 9'007'199'254'740'993; // beyond a double's exact integers
    p.job.attempts = -1;
    QTest::newRow("numbers") << p;
    p = full();
    p.call.initiatedAt = 0;
    p.call.answeredAt = -1;
    p.call.endedAt = 253'402'300'799'999; // 9999-12-31T23:59:59.999Z
    p.event.initiatedAt = 253'402'300'800'000; // the year 10000
    p.event.answeredAt = 1'709'164'800'999; // 2024-02-29
    p.call.firstReceivedAt = 0;             // 0 means not known: left out
    QTest::newRow("times") << p;
}

void TestWebhookBody::sameBytesAsTheModelsJson()
{
    QFETCH(DeliveryPayload, payload);
    QCOMPARE(WebhookBody::write(payload, QStringLiteral("crm")), reference(payload, QStringLiteral("crm")));
}

void TestWebhookBody::sameBytesForRandomPayloads()
{
    QRandomGenerator rng(20261127);
    for (int i = 0; i < 3000; ++i) {
        DeliveryPayload p;
        p.job.id = qint64(rng.bounded(1e12));
        p.job.attempts = int(rng.bounded(50));
        p.job.idempotencyKey = randomText(rng);
        CallRecord &c = p.call;
        c.callUuid = randomText(rng);
        c.provider = randomText(rng);
        c.state = EventType(rng.bounded(3));
        c.eventsSeen = int(rng.bounded(8));
        c.from = randomText(rng);
        c.to = randomText(rng);
        c.direction = randomText(rng);
        c.seatId = randomText(rng);
        c.didId = randomText(rng);
        c.recordingUrl = randomText(rng);
        c.initiatedAt = randomTime(rng);
        c.answeredAt = randomTime(rng);
        c.endedAt = randomTime(rng);
        c.durationSeconds = randomNumber(rng);
        c.hangupCause = randomText(rng);
        if (rng.bounded(2))
            c.hangupCauseCode = int(rng.bounded(128));
        c.outcome = randomText(rng);
        c.ringMs = randomNumber(rng);
        c.talkMs = randomNumber(rng);
        c.firstReceivedAt = randomTime(rng).value_or(0);
        c.lastReceivedAt = randomTime(rng).value_or(0);
        CanonicalEvent &e = p.event;
        e.type = EventType(rng.bounded(3));
        e.callUuid = randomText(rng);
        e.provider = randomText(rng);
        e.providerEventId = randomText(rng);
        e.from = randomText(rng);
        e.to = randomText(rng);
        e.direction = randomText(rng);
        e.initiatedAt = randomTime(rng);
        e.answeredAt = randomTime(rng);
        e.endedAt = randomTime(rng);
        e.durationSeconds = randomNumber(rng);
        e.hangupCause = randomText(rng);
        if (rng.bounded(2))
            e.hangupCauseCode = int(rng.bounded(128));
        e.seatId = randomText(rng);
        e.didId = randomText(rng);
        e.recordingUrl = randomText(rng);
        const QString sink = randomText(rng);
        QCOMPARE(WebhookBody::write(p, sink), reference(p, sink));
    }
}

QTEST_GUILESS_MAIN(TestWebhookBody)
#include "tst_webhook_body.moc"
