#include "auth/bearer_token_auth.h"

#include <QTest>

using namespace ringside;

namespace {
const QByteArray kToken = "s3cr3t-T0ken_value.42";
using Headers = QList<QPair<QByteArray, QByteArray>>;

HttpRequest requestWith(const Headers &headers)
{
    HttpRequest r;
    r.method = "POST";
    r.target = r.path = "/webhooks/unlimcall";
    r.headers = headers;
    r.body = R"({"event":"call.initiated","call_uuid":"c-1"})";
    return r;
}
} // namespace

/** Tests BearerTokenAuth, the shared-token check for providers without a signature scheme. */
class TestBearerTokenAuth : public QObject
{
    Q_OBJECT

private slots:
    void scheme();
    void verify_data();
    void verify();
};

void TestBearerTokenAuth::scheme()
{
    QCOMPARE(BearerTokenAuth(kToken).scheme(), QByteArray("bearer"));
}

void TestBearerTokenAuth::verify_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("reason");

    QTest::newRow("right token") << Headers{{"authorization", "Bearer " + kToken}} << true << QByteArray();
    QTest::newRow("scheme name in lower case") << Headers{{"authorization", "bearer " + kToken}} << true << QByteArray();
    QTest::newRow("scheme name in upper case") << Headers{{"authorization", "BEARER " + kToken}} << true << QByteArray();
    QTest::newRow("extra spaces before the token") << Headers{{"authorization", "Bearer   " + kToken}} << true
                                                   << QByteArray();
    QTest::newRow("among other headers") << Headers{{"content-type", "application/json"},
                                                    {"authorization", "Bearer " + kToken}}
                                         << true << QByteArray();

    QTest::newRow("no header") << Headers{} << false << QByteArray("missing_credentials");
    QTest::newRow("empty header") << Headers{{"authorization", ""}} << false << QByteArray("missing_credentials");
    QTest::newRow("scheme only") << Headers{{"authorization", "Bearer"}} << false << QByteArray("missing_credentials");
    QTest::newRow("scheme and space only") << Headers{{"authorization", "Bearer "}} << false
                                           << QByteArray("missing_credentials");
    QTest::newRow("Basic scheme") << Headers{{"authorization", "Basic dXNlcjpwYXNz"}} << false
                                  << QByteArray("missing_credentials");
    QTest::newRow("token without a scheme") << Headers{{"authorization", kToken}} << false
                                            << QByteArray("missing_credentials");
    QTest::newRow("Bearerish scheme") << Headers{{"authorization", "Bearerx " + kToken}} << false
                                      << QByteArray("missing_credentials");
    QTest::newRow("token in another header") << Headers{{"x-api-key", kToken}} << false
                                             << QByteArray("missing_credentials");

    QTest::newRow("wrong token") << Headers{{"authorization", "Bearer not-the-token"}} << false
                                 << QByteArray("bad_token");
    QTest::newRow("token in other case") << Headers{{"authorization", "Bearer " + kToken.toUpper()}} << false
                                         << QByteArray("bad_token");
    QTest::newRow("prefix of the token") << Headers{{"authorization", "Bearer " + kToken.left(8)}} << false
                                         << QByteArray("bad_token");
    QTest::newRow("token with a suffix") << Headers{{"authorization", "Bearer " + kToken + "x"}} << false
                                         << QByteArray("bad_token");
    QTest::newRow("token twice") << Headers{{"authorization", "Bearer " + kToken + " " + kToken}} << false
                                 << QByteArray("bad_token");
}

void TestBearerTokenAuth::verify()
{
    QFETCH(Headers, headers);
    QFETCH(bool, ok);
    QFETCH(QByteArray, reason);
    const BearerTokenAuth auth(kToken);
    const AuthResult result = auth.verify(requestWith(headers));
    QCOMPARE(result.ok, ok);
    QCOMPARE(result.reason, reason);
    QVERIFY(result.messageId.isEmpty());
}

QTEST_GUILESS_MAIN(TestBearerTokenAuth)
#include "tst_bearer_token_auth.moc"
