#include "auth/standard_webhooks_auth.h"
#include "auth/standard_webhooks_secret.h"
#include "auth/standard_webhooks_signer.h"

#include <QTest>

using namespace ringside;

namespace {
// The published Standard Webhooks test vector (reference/PROVIDERS.md).
const QString kVectorSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const QByteArray kVectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr qint64 kVectorTimestamp = 1614265330;
const QByteArray kVectorBody = R"({"test": 2432232314})";
const QByteArray kVectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

// A second key for rotation tests, and one nobody configured.
const QString kNewSecret = QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, '\x42').toBase64());
const QString kUnknownSecret = QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, '\x17').toBase64());

StandardWebhooksSecret secret(const QString &text)
{
    auto s = StandardWebhooksSecret::parse(text);
    Q_ASSERT(s);
    return *s;
}

QByteArray sign(const QString &secretText, const QByteArray &id, qint64 timestamp, const QByteArray &body)
{
    return StandardWebhooksSigner(secret(secretText)).sign(id, timestamp, body);
}

// A null value leaves the header out.
HttpRequest request(const QByteArray &id, const QByteArray &timestamp, const QByteArray &signature,
                    const QByteArray &body)
{
    HttpRequest r;
    r.method = "POST";
    r.target = r.path = "/webhooks/unlimcall";
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    if (!id.isNull())
        r.headers.append(qMakePair(QByteArray("webhook-id"), id));
    if (!timestamp.isNull())
        r.headers.append(qMakePair(QByteArray("webhook-timestamp"), timestamp));
    if (!signature.isNull())
        r.headers.append(qMakePair(QByteArray("webhook-signature"), signature));
    r.body = body;
    return r;
}
} // namespace

/** Tests Standard Webhooks secrets, signing, and verification with tolerance and key rotation. */
class TestStandardWebhooks : public QObject
{
    Q_OBJECT

private slots:
    void secretParse_data();
    void secretParse();
    void secretErrors_data();
    void secretErrors();
    void signerMatchesTestVector();
    void signerSignatureChangesWithEveryPart();
    void verify_data();
    void verify();
    void rotation_data();
    void rotation();
    void scheme();
};

void TestStandardWebhooks::secretParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("key");
    const QByteArray vectorKey = QByteArray::fromHex("31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0");
    QTest::newRow("test vector") << kVectorSecret << vectorKey;
    QTest::newRow("trailing newline from a file") << kVectorSecret + u'\n' << vectorKey;
    QTest::newRow("surrounding spaces") << u"  "_qs + kVectorSecret + u" "_qs << vectorKey;
    QTest::newRow("padded base64") << "whsec_YWJj" << QByteArray("abc");
    QTest::newRow("with = padding") << "whsec_YWI=" << QByteArray("ab");
    QTest::newRow("32 bytes") << kNewSecret << QByteArray(32, '\x42');
}

void TestStandardWebhooks::secretParse()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, key);
    QString error = QStringLiteral("untouched");
    const auto parsed = StandardWebhooksSecret::parse(text, &error);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->key(), key);
    QCOMPARE(error, QStringLiteral("untouched"));
}

void TestStandardWebhooks::secretErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    const QString missingPrefix = QStringLiteral(
        "Standard Webhooks secret must start with \"whsec_\" followed by the base64 key");
    const QString badBase64 = QStringLiteral("Standard Webhooks secret is not valid base64 after \"whsec_\"");
    const QString emptyKey = QStringLiteral("Standard Webhooks secret has an empty key after \"whsec_\"");

    QTest::newRow("empty") << "" << "Standard Webhooks secret is empty; expected \"whsec_<base64 key>\"";
    QTest::newRow("blank") << "  \n" << "Standard Webhooks secret is empty; expected \"whsec_<base64 key>\"";
    QTest::newRow("missing prefix") << "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" << missingPrefix;
    QTest::newRow("prefix in upper case") << "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" << missingPrefix;
    QTest::newRow("other vendor's prefix") << "whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" << missingPrefix;
    QTest::newRow("prefix only") << "whsec_" << emptyKey;
    QTest::newRow("padding only") << "whsec_====" << badBase64;
    QTest::newRow("invalid characters") << "whsec_not base64!" << badBase64;
    QTest::newRow("URL-safe alphabet") << "whsec_ab-_cd" << badBase64;
    QTest::newRow("padding in the middle") << "whsec_ab=c" << badBase64;
    QTest::newRow("one stray character") << "whsec_MfKQ9" << badBase64;
    QTest::newRow("non-ASCII") << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwé" << badBase64;
}

void TestStandardWebhooks::secretErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!StandardWebhooksSecret::parse(text, &message).has_value());
    QCOMPARE(message, error);
    QVERIFY(!message.contains(u'\n'));
    // The message is printed to stderr and logs: it must not echo the key.
    const QString key = text.trimmed().mid(6);
    if (key.size() >= 4)
        QVERIFY(!message.contains(key));
    QVERIFY(!StandardWebhooksSecret::parse(text).has_value()); // no error pointer is fine too
}

void TestStandardWebhooks::signerMatchesTestVector()
{
    const StandardWebhooksSigner signer(secret(kVectorSecret));
    QCOMPARE(signer.sign(kVectorId, kVectorTimestamp, kVectorBody), kVectorSignature);
    QCOMPARE(signer.mac(kVectorId, QByteArray::number(kVectorTimestamp), kVectorBody).toBase64(),
             kVectorSignature.mid(3));
}

void TestStandardWebhooks::signerSignatureChangesWithEveryPart()
{
    const QByteArray base = sign(kVectorSecret, kVectorId, kVectorTimestamp, kVectorBody);
    QVERIFY(sign(kVectorSecret, kVectorId + "x", kVectorTimestamp, kVectorBody) != base);
    QVERIFY(sign(kVectorSecret, kVectorId, kVectorTimestamp + 1, kVectorBody) != base);
    QVERIFY(sign(kVectorSecret, kVectorId, kVectorTimestamp, kVectorBody + " ") != base);
    QVERIFY(sign(kNewSecret, kVectorId, kVectorTimestamp, kVectorBody) != base);
}

void TestStandardWebhooks::verify_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<QByteArray>("timestamp");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<QByteArray>("reason"); // empty: accepted

    const QByteArray ts = QByteArray::number(kVectorTimestamp);
    const qint64 now = kVectorTimestamp * 1000;
    auto signedAt = [](qint64 t) { return sign(kVectorSecret, kVectorId, t, kVectorBody); };

    QTest::newRow("test vector") << kVectorId << ts << kVectorSignature << kVectorBody << now << QByteArray();
    QTest::newRow("test vector, clock mid-second") << kVectorId << ts << kVectorSignature << kVectorBody
                                                   << now + 999 << QByteArray();

    // Tolerance: 300 s either way is still accepted, 301 s is not.
    for (qint64 age : {-301, -300, -299, 299, 300, 301}) {
        const qint64 sent = kVectorTimestamp - age;
        const bool inside = qAbs(age) <= 300;
        QTest::addRow("sent %lld s %s (%s)", qAbs(age), age > 0 ? "ago" : "in the future",
                      inside ? "inside" : "outside")
            << kVectorId << QByteArray::number(sent) << signedAt(sent) << kVectorBody << now
            << (inside ? QByteArray() : QByteArray("timestamp_out_of_tolerance"));
    }
    QTest::newRow("replayed a day later") << kVectorId << ts << kVectorSignature << kVectorBody
                                          << now + 86'400'000 << QByteArray("timestamp_out_of_tolerance");
    QTest::newRow("stale and badly signed: tolerance reported first")
        << kVectorId << ts << QByteArray("v1,AAAA") << kVectorBody << now + 3'600'000
        << QByteArray("timestamp_out_of_tolerance");

    QTest::newRow("tampered body") << kVectorId << ts << kVectorSignature << QByteArray(R"({"test": 2432232315})")
                                   << now << QByteArray("bad_signature");
    QTest::newRow("body with a trailing newline") << kVectorId << ts << kVectorSignature << kVectorBody + "\n"
                                                  << now << QByteArray("bad_signature");
    QTest::newRow("tampered id") << QByteArray("msg_p5jXN8AQM9LWM0D4loKWxJeK") << ts << kVectorSignature
                                 << kVectorBody << now << QByteArray("bad_signature");
    QTest::newRow("signature of another key") << kVectorId << ts
                                              << sign(kUnknownSecret, kVectorId, kVectorTimestamp, kVectorBody)
                                              << kVectorBody << now << QByteArray("bad_signature");
    QTest::newRow("signature truncated") << kVectorId << ts << kVectorSignature.left(kVectorSignature.size() - 4)
                                         << kVectorBody << now << QByteArray("bad_signature");
    QTest::newRow("v1 entry with invalid base64") << kVectorId << ts << QByteArray("v1,!!!notbase64!!!")
                                                  << kVectorBody << now << QByteArray("bad_signature");
    QTest::newRow("v1 entry with empty signature") << kVectorId << ts << QByteArray("v1,") << kVectorBody << now
                                                   << QByteArray("bad_signature");

    QTest::newRow("unknown version skipped, v1 matches")
        << kVectorId << ts << "v2,Zm9vYmFy " + kVectorSignature << kVectorBody << now << QByteArray();
    QTest::newRow("several spaces between entries")
        << kVectorId << ts << "v1,AAAA   " + kVectorSignature << kVectorBody << now << QByteArray();
    QTest::newRow("matching entry last of several")
        << kVectorId << ts << "v1,AAAA v1,BBBB v1a,CCCC " + kVectorSignature << kVectorBody << now << QByteArray();

    QTest::newRow("no webhook-id") << QByteArray() << ts << kVectorSignature << kVectorBody << now
                                   << QByteArray("missing_credentials");
    QTest::newRow("no webhook-timestamp") << kVectorId << QByteArray() << kVectorSignature << kVectorBody << now
                                          << QByteArray("missing_credentials");
    QTest::newRow("no webhook-signature") << kVectorId << ts << QByteArray() << kVectorBody << now
                                          << QByteArray("missing_credentials");
    QTest::newRow("empty webhook-signature") << kVectorId << ts << QByteArray("") << kVectorBody << now
                                             << QByteArray("missing_credentials");
    QTest::newRow("no headers at all") << QByteArray() << QByteArray() << QByteArray() << kVectorBody << now
                                       << QByteArray("missing_credentials");

    QTest::newRow("timestamp in milliseconds") << kVectorId << ts + "000" << kVectorSignature << kVectorBody << now
                                               << QByteArray("timestamp_out_of_tolerance");
    QTest::newRow("timestamp with letters") << kVectorId << QByteArray("16142653a0") << kVectorSignature
                                            << kVectorBody << now << QByteArray("malformed_signature");
    QTest::newRow("timestamp negative") << kVectorId << "-" + ts << kVectorSignature << kVectorBody << now
                                        << QByteArray("malformed_signature");
    QTest::newRow("timestamp with a fraction") << kVectorId << ts + ".5" << kVectorSignature << kVectorBody << now
                                               << QByteArray("malformed_signature");
    QTest::newRow("timestamp as ISO 8601") << kVectorId << QByteArray("2021-02-26T15:02:10Z") << kVectorSignature
                                           << kVectorBody << now << QByteArray("malformed_signature");
    QTest::newRow("timestamp overflowing 64 bits") << kVectorId << QByteArray("99999999999999999999")
                                                   << kVectorSignature << kVectorBody << now
                                                   << QByteArray("malformed_signature");
    QTest::newRow("timestamp absurdly long") << kVectorId << QByteArray(64, '1') << kVectorSignature << kVectorBody
                                             << now << QByteArray("malformed_signature");

    QTest::newRow("no v1 entry") << kVectorId << ts << QByteArray("v2,Zm9vYmFy") << kVectorBody << now
                                 << QByteArray("malformed_signature");
    QTest::newRow("signature without a version") << kVectorId << ts << kVectorSignature.mid(3) << kVectorBody
                                                 << now << QByteArray("malformed_signature");
    QTest::newRow("signature header over 4 KiB")
        << kVectorId << ts << kVectorSignature + " " + QByteArray(4096, 'A') << kVectorBody << now
        << QByteArray("malformed_signature");
    QTest::newRow("webhook-id over 256 bytes") << QByteArray(257, 'm') << ts << kVectorSignature << kVectorBody
                                               << now << QByteArray("malformed_signature");
    QTest::newRow("webhook-id with a control character") << QByteArray("msg\x01") << ts << kVectorSignature
                                                         << kVectorBody << now << QByteArray("malformed_signature");
}

void TestStandardWebhooks::verify()
{
    QFETCH(QByteArray, id);
    QFETCH(QByteArray, timestamp);
    QFETCH(QByteArray, signature);
    QFETCH(QByteArray, body);
    QFETCH(qint64, nowMs);
    QFETCH(QByteArray, reason);

    const ManualClock clock(nowMs);
    const StandardWebhooksAuth auth({secret(kVectorSecret)}, clock);
    const AuthResult result = auth.verify(request(id, timestamp, signature, body));
    QCOMPARE(result.reason, reason);
    QCOMPARE(result.ok, reason.isEmpty());
    QCOMPARE(result.messageId, result.ok ? QString::fromLatin1(id) : QString());
}

void TestStandardWebhooks::rotation_data()
{
    QTest::addColumn<QStringList>("configured");
    QTest::addColumn<QStringList>("signedWith");
    QTest::addColumn<bool>("ok");

    const QStringList both{kVectorSecret, kNewSecret};
    QTest::newRow("two secrets, signed with the old one") << both << QStringList{kVectorSecret} << true;
    QTest::newRow("two secrets, signed with the new one") << both << QStringList{kNewSecret} << true;
    QTest::newRow("two secrets, two signatures") << both << QStringList{kVectorSecret, kNewSecret} << true;
    QTest::newRow("two secrets, two signatures, new first") << both << QStringList{kNewSecret, kVectorSecret} << true;
    QTest::newRow("two secrets, unknown then new") << both << QStringList{kUnknownSecret, kNewSecret} << true;
    QTest::newRow("two secrets, unknown key only") << both << QStringList{kUnknownSecret} << false;
    QTest::newRow("old secret removed, sender still on it") << QStringList{kNewSecret} << QStringList{kVectorSecret}
                                                            << false;
    QTest::newRow("old secret removed, sender sends both") << QStringList{kNewSecret}
                                                           << QStringList{kVectorSecret, kNewSecret} << true;
}

void TestStandardWebhooks::rotation()
{
    QFETCH(QStringList, configured);
    QFETCH(QStringList, signedWith);
    QFETCH(bool, ok);

    QList<StandardWebhooksSecret> secrets;
    for (const QString &s : configured)
        secrets.append(secret(s));
    const ManualClock clock(kVectorTimestamp * 1000);
    const StandardWebhooksAuth auth(secrets, clock);

    QByteArrayList signatures;
    for (const QString &s : signedWith)
        signatures.append(sign(s, kVectorId, kVectorTimestamp, kVectorBody));
    const AuthResult result = auth.verify(request(kVectorId, QByteArray::number(kVectorTimestamp),
                                                  signatures.join(' '), kVectorBody));
    QCOMPARE(result.ok, ok);
    QCOMPARE(result.reason, ok ? QByteArray() : QByteArray("bad_signature"));
}

void TestStandardWebhooks::scheme()
{
    const ManualClock clock;
    QCOMPARE(StandardWebhooksAuth({secret(kVectorSecret)}, clock).scheme(), QByteArray("standard-webhooks"));
}

QTEST_GUILESS_MAIN(TestStandardWebhooks)
#include "tst_standard_webhooks.moc"
