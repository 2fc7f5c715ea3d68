#include "providers/dedup_key.h"

#include <QCryptographicHash>
#include <QTest>

using namespace ringside;

namespace {
CanonicalEvent makeEvent(EventType type, const QString &providerEventId = {})
{
    CanonicalEvent e;
    e.type = type;
    e.callUuid = QStringLiteral("a3f7c291");
    e.providerEventId = providerEventId;
    return e;
}
} // namespace

/** Tests the keys that make a provider's retry of an event a duplicate, and nothing else. */
class TestDedupKey : public QObject
{
    Q_OBJECT

private slots:
    void dedupKey_data();
    void dedupKey();
    void eventsOfOneCallGetDistinctKeys();
    void rawDedupKey_data();
    void rawDedupKey();
};

void TestDedupKey::dedupKey_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("providerEventId");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QString>("key");

    QTest::newRow("webhook-id wins") << "unlimcall" << int(EventType::Completed) << "evt-9" << "msg_p5jX"
                                     << "unlimcall:id:msg_p5jX";
    QTest::newRow("webhook-id, no provider id") << "unlimcall" << int(EventType::Answered) << "" << "msg_1"
                                                << "unlimcall:id:msg_1";
    QTest::newRow("provider event id (Telnyx data.id)") << "telnyx" << int(EventType::Completed)
                                                        << "2e3f4051" << "" << "telnyx:id:2e3f4051";
    QTest::newRow("neither: call and event, initiated") << "unlimcall" << int(EventType::Initiated) << "" << ""
                                                        << "unlimcall:a3f7c291:call.initiated";
    QTest::newRow("neither: call and event, completed") << "unlimcall" << int(EventType::Completed) << "" << ""
                                                        << "unlimcall:a3f7c291:call.completed";
}

void TestDedupKey::dedupKey()
{
    QFETCH(QString, provider);
    QFETCH(int, type);
    QFETCH(QString, providerEventId);
    QFETCH(QString, messageId);
    QFETCH(QString, key);
    QCOMPARE(ringside::dedupKey(provider, makeEvent(EventType(type), providerEventId), messageId), key);
}

void TestDedupKey::eventsOfOneCallGetDistinctKeys()
{
    // call.answered after call.initiated of the same call is news, not a duplicate.
    const QString initiated = ringside::dedupKey(QStringLiteral("unlimcall"), makeEvent(EventType::Initiated), {});
    const QString answered = ringside::dedupKey(QStringLiteral("unlimcall"), makeEvent(EventType::Answered), {});
    const QString completed = ringside::dedupKey(QStringLiteral("unlimcall"), makeEvent(EventType::Completed), {});
    QVERIFY(initiated != answered);
    QVERIFY(answered != completed);
    QVERIFY(initiated != completed);
    QVERIFY(initiated != QStringLiteral("a3f7c291"));
    // The same call id from two providers never collides.
    QVERIFY(completed != ringside::dedupKey(QStringLiteral("vonage"), makeEvent(EventType::Completed), {}));
}

void TestDedupKey::rawDedupKey_data()
{
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("key");

    QTest::newRow("message id present") << "msg_1" << QByteArray("{not json") << "unlimcall:id:msg_1";
    QTest::newRow("no message id: body hash")
        << "" << QByteArray("{not json")
        << QStringLiteral("unlimcall:raw:")
               + QString::fromLatin1(QCryptographicHash::hash("{not json", QCryptographicHash::Sha256).toHex());
    QTest::newRow("empty body: hash of nothing")
        << "" << QByteArray()
        << "unlimcall:raw:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}

void TestDedupKey::rawDedupKey()
{
    QFETCH(QString, messageId);
    QFETCH(QByteArray, body);
    QFETCH(QString, key);
    QCOMPARE(ringside::rawDedupKey(QStringLiteral("unlimcall"), messageId, body), key);
    // A resend of the same broken body is a duplicate; a different one is not.
    if (messageId.isEmpty()) {
        QCOMPARE(ringside::rawDedupKey(QStringLiteral("unlimcall"), messageId, body), key);
        QVERIFY(ringside::rawDedupKey(QStringLiteral("unlimcall"), messageId, body + ' ') != key);
    }
}

QTEST_GUILESS_MAIN(TestDedupKey)
#include "tst_dedup_key.moc"
