#include "test_tls.h"

#include <QSslKey>

namespace ringside::test::TestTls {

namespace {
// Generated once for the tests; the key is public on purpose.
constexpr char kCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIIBdzCCAR2gAwIBAgIUGTN6G76qIK9vWuAKt8MO2Im5KJQwCgYIKoZIzj0EAwIw
IjEgMB4GA1UEAwwXcmluZ3NpZGUgdGVzdCBsb2NhbGhvc3QwIBcNMDAwMTAxMDAw
MDAwWhgPMjA5OTEyMzEwMDAwMDBaMCIxIDAeBgNVBAMMF3JpbmdzaWRlIHRlc3Qg
bG9jYWxob3N0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEs/DCFINIUQ9fMWOu
DZYh08IL8F9yJlQqOMKiqDe0Q6U3pZmWl+dxxQCJCtVt9KN9VMwLgIBJpjOlXin5
KU3j5aMvMC0wGgYDVR0RBBMwEYcEfwAAAYIJbG9jYWxob3N0MA8GA1UdEwEB/wQF
MAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAMWpQ8T1ERUVxIjPJwH//U6bMt3y/6Mu
5rUU8mxmMIY5AiBltMPTf902hz/5/6Mys4Q6S8tuxEUs7BXbiNf4zvF+PQ==
-----END CERTIFICATE-----
)";
constexpr char kKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZSnxggqyvs/RcuoL
bDznorGLgtUO4bTPdnwLc656wSKhRANCAASz8MIUg0hRD18xY64NliHTwgvwX3Im
VCo4wqKoN7RDpTelmZaX53HFAIkK1W30o31UzAuAgEmmM6VeKfkpTePl
-----END PRIVATE KEY-----
)";
} // namespace

QSslCertificate certificate()
{
    return QSslCertificate(QByteArray(kCertificate), QSsl::Pem);
}

QSslConfiguration serverConfiguration()
{
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setLocalCertificate(certificate());
    c.setPrivateKey(QSslKey(QByteArray(kKey), QSsl::Ec, QSsl::Pem));
    c.setPeerVerifyMode(QSslSocket::VerifyNone); // the client shows no certificate
    return c;
}

void trustCertificate()
{
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.addCaCertificate(certificate());
    QSslConfiguration::setDefaultConfiguration(c);
}

} // namespace ringside::test::TestTls
