#include "engine/event_reprocessor.h"

#include "providers/dedup_key.h"
#include "store/event_writer.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ringside {

/** The raw request as the receiver stored it. */
struct EventReprocessor::Stored
{
    bool found = false;
    qint64 id = 0;
    QString dedupKey, provider;
    qint64 receivedAt = 0;
    QByteArray contentType, headersText, body;
};

namespace {

/** Back from the stored "name: value" lines (lower-case names, as the receiver keeps them). */
QList<QPair<QByteArray, QByteArray>> parseHeaders(const QByteArray &text)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

/** The receiver keyed the raw event by the sender's message id when it had one ("p:id:<id>"):
 *  the call event must then keep that key, or a later resend of the message would not be a duplicate. */
QString messageIdOf(const QString &provider, const QString &storedKey)
{
    const QString prefix = provider + QLatin1String(":id:");
    return storedKey.startsWith(prefix) ? storedKey.mid(prefix.size()) : QString();
}

} // namespace

EventReprocessor::EventReprocessor(EventWriter &writer, QObject *parent) : QObject(parent), m_writer(writer)
{
}

void EventReprocessor::addNormaliser(std::shared_ptr<const Normaliser> normaliser)
{
    const QString provider = normaliser->provider();
    m_normalisers.insert(provider, std::move(normaliser));
}

void EventReprocessor::reprocess(qint64 eventId, std::function<void(const ReprocessResult &)> done)
{
    auto stored = std::make_shared<Stored>();
    stored->id = eventId;
    // Read on the writer's connection: it sees every commit, and nothing else is on disk yet.
    m_writer.submitTask([stored](QSqlDatabase &db, QString *error) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT dedup_key, provider, received_at, content_type, headers, payload"
                                 " FROM events WHERE id = ? AND status = 'unprocessable'"));
        q.addBindValue(stored->id);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
        if (q.next()) {
            stored->found = true;
            stored->dedupKey = q.value(0).toString();
            stored->provider = q.value(1).toString();
            stored->receivedAt = q.value(2).toLongLong();
            stored->contentType = q.value(3).toString().toLatin1();
            stored->headersText = q.value(4).toString().toUtf8();
            stored->body = q.value(5).toByteArray();
        }
        return true;
    }, this, [this, stored, done = std::move(done)](bool ok, const QString &error) {
        if (!ok)
            return done({ReprocessResult::Outcome::Failed, 0, error});
        if (!stored->found) {
            return done({ReprocessResult::Outcome::NotFound, 0,
                         QStringLiteral("no unprocessable event %1: reprocessed already, or never was one")
                             .arg(stored->id)});
        }
        normaliseAndReplace(*stored, done);
    });
}

void EventReprocessor::normaliseAndReplace(const Stored &stored,
                                           const std::function<void(const ReprocessResult &)> &done)
{
    const auto normaliser = m_normalisers.value(stored.provider);
    if (!normaliser) {
        return done({ReprocessResult::Outcome::StillUnprocessable, 0,
                     QStringLiteral("no provider \"%1\" in this version of Ringside").arg(stored.provider)});
    }
    HttpRequest request;
    request.method = "POST";
    request.headers = parseHeaders(stored.headersText);
    request.body = stored.body;
    NormaliseResult normalised = normaliser->normalise(request);
    if (!normalised.event)
        return done({ReprocessResult::Outcome::StillUnprocessable, 0, normalised.error});

    IncomingEvent in;
    in.provider = stored.provider;
    in.dedupKey = dedupKey(stored.provider, *normalised.event, messageIdOf(stored.provider, stored.dedupKey));
    in.receivedAt = stored.receivedAt; // when it reached us: its latency to the CRM includes the wait
    in.event = std::move(normalised.event);
    in.contentType = stored.contentType;
    in.headersText = stored.headersText;
    in.body = stored.body;
    in.replacesEventId = stored.id;
    m_writer.submit(std::move(in), this, [done](const WriteResult &result) {
        switch (result.outcome) {
        case WriteResult::Outcome::Accepted:
            return done({ReprocessResult::Outcome::Accepted, result.eventId, {}});
        case WriteResult::Outcome::Duplicate:
            return done({ReprocessResult::Outcome::Duplicate, result.eventId, {}});
        case WriteResult::Outcome::Failed:
            break;
        }
        // takeUnprocessable's "not an unprocessable event" lands here too: someone was faster.
        done({ReprocessResult::Outcome::Failed, 0, result.error});
    });
}

} // namespace ringside
