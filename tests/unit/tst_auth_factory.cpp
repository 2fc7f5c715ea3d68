#include "auth/auth_factory.h"

#include <QTest>

using namespace ringside;

namespace {
const QString kSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const QString kSecret2 = QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, '\x42').toBase64());
} // namespace

/** Tests createAuthenticator(), which turns a route's configured scheme into an authenticator. */
class TestAuthFactory : public QObject
{
    Q_OBJECT

private slots:
    void creates_data();
    void creates();
    void rejects_data();
    void rejects();
    void bearerTokenIsTrimmed();
    void noAuthAcceptsAnything();
    void supportedSchemes();

private:
    const ManualClock m_clock{1'614'265'330'000};
};

void TestAuthFactory::creates_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QByteArray>("created");

    QTest::newRow("none") << "none" << QByteArray() << QStringList() << QByteArray("none");
    QTest::newRow("bearer") << "bearer" << QByteArray("tok") << QStringList() << QByteArray("bearer");
    QTest::newRow("scheme in mixed case") << "Bearer" << QByteArray("tok") << QStringList() << QByteArray("bearer");
    QTest::newRow("scheme with spaces") << " standard-webhooks " << QByteArray() << QStringList{kSecret}
                                        << QByteArray("standard-webhooks");
    QTest::newRow("standard-webhooks, one secret") << "standard-webhooks" << QByteArray() << QStringList{kSecret}
                                                   << QByteArray("standard-webhooks");
    QTest::newRow("standard-webhooks, two secrets (rotation)") << "standard-webhooks" << QByteArray()
                                                               << QStringList{kSecret, kSecret2}
                                                               << QByteArray("standard-webhooks");
}

void TestAuthFactory::creates()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, token);
    QFETCH(QStringList, secrets);
    QFETCH(QByteArray, created);
    QString error;
    const auto auth = createAuthenticator({scheme, token, secrets}, m_clock, &error);
    QVERIFY2(auth, qPrintable(error));
    QCOMPARE(auth->scheme(), created);
    QVERIFY(error.isEmpty());
}

void TestAuthFactory::rejects_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("error");

    QTest::newRow("unknown scheme") << "hmac-sha1" << QByteArray() << QStringList()
        << "unknown auth scheme \"hmac-sha1\" (expected one of: none, bearer, standard-webhooks)";
    QTest::newRow("empty scheme") << "" << QByteArray() << QStringList()
        << "unknown auth scheme \"\" (expected one of: none, bearer, standard-webhooks)";
    QTest::newRow("bearer without a token") << "bearer" << QByteArray() << QStringList()
                                            << "auth scheme \"bearer\" needs a non-empty token";
    QTest::newRow("bearer with a blank token") << "bearer" << QByteArray(" \n") << QStringList()
                                               << "auth scheme \"bearer\" needs a non-empty token";
    QTest::newRow("bearer token with a space") << "bearer" << QByteArray("two words") << QStringList()
        << "auth scheme \"bearer\": the token must not contain spaces or control characters";
    QTest::newRow("standard-webhooks without secrets") << "standard-webhooks" << QByteArray() << QStringList()
        << "auth scheme \"standard-webhooks\" needs at least one secret (\"whsec_...\")";
    QTest::newRow("standard-webhooks, secret without prefix")
        << "standard-webhooks" << QByteArray() << QStringList{kSecret.mid(6)}
        << "Standard Webhooks secret must start with \"whsec_\" followed by the base64 key";
    QTest::newRow("standard-webhooks, second of two secrets bad")
        << "standard-webhooks" << QByteArray() << QStringList{kSecret, QStringLiteral("whsec_%%%%")}
        << "secret 2 of 2: Standard Webhooks secret is not valid base64 after \"whsec_\"";
    QTest::newRow("standard-webhooks, empty key")
        << "standard-webhooks" << QByteArray() << QStringList{QStringLiteral("whsec_")}
        << "Standard Webhooks secret has an empty key after \"whsec_\"";
}

void TestAuthFactory::rejects()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, token);
    QFETCH(QStringList, secrets);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!createAuthenticator({scheme, token, secrets}, m_clock, &message));
    QCOMPARE(message, error);
    // Credentials never appear in an error: it ends up on stderr and in logs.
    if (!token.trimmed().isEmpty())
        QVERIFY(!message.contains(QString::fromLatin1(token)));
    QVERIFY(!message.contains(QStringLiteral("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
    QVERIFY(!createAuthenticator({scheme, token, secrets}, m_clock)); // no error pointer is fine too
}

void TestAuthFactory::bearerTokenIsTrimmed()
{
    const auto auth = createAuthenticator({QStringLiteral("bearer"), "tok\n", {}}, m_clock);
    QVERIFY(auth);
    HttpRequest r;
    r.headers = {{"authorization", "Bearer tok"}};
    QVERIFY(auth->verify(r).ok);
}

void TestAuthFactory::noAuthAcceptsAnything()
{
    const auto auth = createAuthenticator({QStringLiteral("none"), {}, {}}, m_clock);
    QVERIFY(auth);
    const AuthResult result = auth->verify(HttpRequest{});
    QVERIFY(result.ok);
    QVERIFY(result.reason.isEmpty());
    QVERIFY(result.messageId.isEmpty());
}

void TestAuthFactory::supportedSchemes()
{
    QCOMPARE(supportedAuthSchemes(),
             (QStringList{QStringLiteral("none"), QStringLiteral("bearer"), QStringLiteral("standard-webhooks")}));
}

QTEST_GUILESS_MAIN(TestAuthFactory)
#include "tst_auth_factory.moc"
