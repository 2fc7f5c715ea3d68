#pragma once

#include "core/http_message.h"

#include <QByteArray>
#include <QString>

namespace ringside {

/** The verdict on one request's credentials. */
struct AuthResult
{
    bool ok = false;
    /** Low-cardinality machine reason when !ok (a Prometheus label): "missing_credentials",
     *  "bad_token", "bad_signature", "timestamp_out_of_tolerance", "malformed_signature". */
    QByteArray reason;
    /** The sender's message id once verified (Standard Webhooks `webhook-id`); it becomes the dedup key. */
    QString messageId;

    static AuthResult accept(QString id = {}) { return {true, {}, std::move(id)}; }
    static AuthResult reject(QByteArray why) { return {false, std::move(why), {}}; }
};

/** Checks a webhook request's credentials over its raw bytes; thread-safe, never logs secrets. */
class Authenticator
{
public:
    virtual ~Authenticator() = default;
    /** "none", "bearer", "standard-webhooks", ... */
    virtual QByteArray scheme() const = 0;
    virtual AuthResult verify(const HttpRequest &request) const = 0;
};

} // namespace ringside
