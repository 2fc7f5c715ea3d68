#include "engine/rejected_sampler.h"

#include "core/clock.h"
#include "store/event_writer.h"

#include <algorithm>
#include <QSqlError>
#include <QSqlQuery>

namespace ringside {

RejectedSampler::RejectedSampler(EventWriter &writer, const Clock &clock, int keepRows, int perSecond)
    : m_writer(writer), m_clock(clock), m_keepRows(keepRows), m_perSecond(perSecond)
{
}

QByteArray RejectedSampler::redactedHeaders(const HttpRequest &request)
{
    // Anything that looks like a credential is redacted: secrets never reach the disk or a log.
    static const QByteArrayList secretParts{"auth", "token", "secret", "key", "cookie", "password", "session"};
    QByteArray out;
    out.reserve(512);
    for (const auto &header : request.headers) {
        const QByteArray &name = header.first; // not a structured binding: clang 14 cannot capture those
        const QByteArray &value = header.second;
        const bool secret = std::any_of(secretParts.cbegin(), secretParts.cend(),
                                        [&name](const QByteArray &part) { return name.contains(part); });
        out += name;
        out += ": ";
        out += secret ? QByteArrayLiteral("[redacted]") : value;
        out += '\n';
    }
    return out;
}

void RejectedSampler::sample(int status, const QByteArray &reason, const HttpRequest &request)
{
    const qint64 now = m_clock.nowMs();
    if (now - m_windowStart >= 1000) {
        m_windowStart = now;
        m_inWindow = 0;
    }
    if (++m_inWindow > m_perSecond)
        return;

    const QByteArray headers = redactedHeaders(request);
    const QByteArray bodyHead = request.body.left(1024);
    const QByteArray method = request.method, target = request.target.left(2048), peer = request.peerAddress;
    const int keep = m_keepRows;
    m_writer.submitTask([=](QSqlDatabase &db, QString *error) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO rejected_requests (received_at, status, reason, method, target, peer,"
                                 " headers, body_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(now);
        q.addBindValue(status);
        q.addBindValue(QString::fromLatin1(reason));
        q.addBindValue(QString::fromLatin1(method));
        q.addBindValue(QString::fromUtf8(target));
        q.addBindValue(QString::fromLatin1(peer));
        q.addBindValue(QString::fromUtf8(headers));
        q.addBindValue(bodyHead);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
        const qint64 id = q.lastInsertId().toLongLong();
        QSqlQuery trim(db);
        trim.prepare(QStringLiteral("DELETE FROM rejected_requests WHERE id <= ?"));
        trim.addBindValue(id - keep);
        return trim.exec() || (*error = trim.lastError().text(), false);
    });
}

} // namespace ringside
