#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>

namespace ringside::test {

/** A self-signed certificate for 127.0.0.1 and localhost (valid 2000-2099), for TLS over loopback
 *  in tests; never trusted outside them. */
namespace TestTls {
QSslCertificate certificate();
/** A server configuration with the certificate and its key. */
QSslConfiguration serverConfiguration();
/** Makes the certificate trusted by every QSslSocket created from now on in this process. */
void trustCertificate();
} // namespace TestTls

} // namespace ringside::test
