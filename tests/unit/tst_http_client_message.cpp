#include "delivery/http_client_message.h"

#include <QTest>

using namespace ringside;

/** Tests what the delivery client puts on the wire: the Host header of a URL, the request target,
 *  and a request that cannot smuggle a header or a second request. */
class TestHttpClientMessage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void origin_data();
    void origin();
    void notHttpIsRefused();
    void target_data();
    void target();
    void serializedRequest();
    void framingBreakersAreRefused_data();
    void framingBreakersAreRefused();
};

void TestHttpClientMessage::origin_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QByteArray>("hostHeader");
    QTest::newRow("http default port") << "http://crm.example.com/x" << "crm.example.com" << 80 << false << QByteArray("crm.example.com");
    QTest::newRow("https default port") << "https://api.hubapi.com" << "api.hubapi.com" << 443 << true << QByteArray("api.hubapi.com");
    QTest::newRow("explicit port") << "http://127.0.0.1:8081/crm" << "127.0.0.1" << 8081 << false << QByteArray("127.0.0.1:8081");
    QTest::newRow("ipv6") << "http://[::1]:9000/" << "::1" << 9000 << false << QByteArray("[::1]:9000");
    QTest::newRow("upper-case scheme") << "HTTPS://Example.com:443/" << "example.com" << 443 << true << QByteArray("example.com");
}

void TestHttpClientMessage::origin()
{
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, tls);
    QFETCH(QByteArray, hostHeader);
    HttpOrigin o;
    QString error;
    QVERIFY(HttpOrigin::fromUrl(QUrl(url), &o, &error));
    QCOMPARE(o.host, host);
    QCOMPARE(int(o.port), port);
    QCOMPARE(o.tls, tls);
    QCOMPARE(o.hostHeader, hostHeader);
}

void TestHttpClientMessage::notHttpIsRefused()
{
    HttpOrigin o;
    QString error;
    QVERIFY(!HttpOrigin::fromUrl(QUrl(QStringLiteral("ftp://user:secret@example.com/x/tk-1?key=k")), &o, &error));
    QCOMPARE(error, QStringLiteral("not an http(s) URL: ftp://example.com")); // no credentials, no path or query
    QVERIFY(!HttpOrigin::fromUrl(QUrl(QStringLiteral("http:///nohost")), &o, &error));
    QVERIFY(!HttpOrigin::fromUrl(QUrl(QStringLiteral("https:/hooks/T0/tk-2")), &o, &error));
    QVERIFY2(!error.contains(QLatin1String("tk-2")), qPrintable(error));
}

void TestHttpClientMessage::target_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("no path") << "http://h" << QByteArray("/");
    QTest::newRow("path") << "http://h/crm-webhook" << QByteArray("/crm-webhook");
    QTest::newRow("query") << "http://h/in?token=a%20b&x=1" << QByteArray("/in?token=a%20b&x=1");
    QTest::newRow("encoded path") << "http://h/a b/ü" << QByteArray("/a%20b/%C3%BC");
}

void TestHttpClientMessage::target()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, target);
    QCOMPARE(HttpOrigin::targetOf(QUrl(url)), target);
}

void TestHttpClientMessage::serializedRequest()
{
    HttpClientRequest r;
    r.target = "/crm?x=1";
    r.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", "default:42"}};
    r.body = "{\"a\":1}";
    QByteArray out;
    QString error;
    QVERIFY(r.serialize("crm.example.com:8443", &out, &error));
    QCOMPARE(out, QByteArray("POST /crm?x=1 HTTP/1.1\r\nHost: crm.example.com:8443\r\nContent-Length: 7\r\n"
                             "Content-Type: application/json\r\nIdempotency-Key: default:42\r\n\r\n{\"a\":1}"));
}

void TestHttpClientMessage::framingBreakersAreRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("CRLF in value") << QByteArray("POST") << QByteArray("/") << QByteArray("Authorization")
                                   << QByteArray("Bearer t\r\nX-Injected: 1") << "invalid header Authorization";
    QTest::newRow("LF in value") << QByteArray("POST") << QByteArray("/") << QByteArray("X") << QByteArray("a\nb")
                                 << "invalid header X";
    QTest::newRow("NUL in value") << QByteArray("POST") << QByteArray("/") << QByteArray("X") << QByteArray("a\0b", 3)
                                  << "invalid header X";
    QTest::newRow("space in name") << QByteArray("POST") << QByteArray("/") << QByteArray("X Y") << QByteArray("v")
                                   << "invalid header X Y";
    QTest::newRow("colon in name") << QByteArray("POST") << QByteArray("/") << QByteArray("X:") << QByteArray("v")
                                   << "invalid header X:";
    QTest::newRow("space in target") << QByteArray("POST") << QByteArray("/a HTTP/1.1\r\n") << QByteArray("X")
                                     << QByteArray("v") << "invalid request line";
    QTest::newRow("bad method") << QByteArray("PO ST") << QByteArray("/") << QByteArray("X") << QByteArray("v")
                                << "invalid request line";
}

void TestHttpClientMessage::framingBreakersAreRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QString, error);
    HttpClientRequest r;
    r.method = method;
    r.target = target;
    r.headers = {{name, value}};
    QByteArray out;
    QString actual;
    QVERIFY(!r.serialize("h", &out, &actual));
    QCOMPARE(actual, error);
    QVERIFY(!actual.contains(QLatin1String("Bearer"))); // a value may be a secret: never in the reason
}

QTEST_GUILESS_MAIN(TestHttpClientMessage)
#include "tst_http_client_message.moc"
