#pragma once

#include "providers/normaliser.h"

#include <QHash>
#include <QObject>
#include <functional>
#include <memory>

namespace ringside {

class EventWriter;

/** What reprocessing one stored unprocessable event came to. */
struct ReprocessResult
{
    enum class Outcome {
        Accepted,           // normalised now: a call event like any other, merged and queued for the CRM
        Duplicate,          // normalised now, and the same event was already stored: kept as its receipt
        StillUnprocessable, // the normaliser still refuses it; message says why, the event stays as it was
        NotFound,           // no unprocessable event with that id (reprocessed already, or never was)
        Failed,             // the store could not take it; the event stays as it was
    };
    Outcome outcome = Outcome::Failed;
    qint64 eventId = 0; // the event it became (Accepted, Duplicate)
    QString message;
};

/** Runs a stored unprocessable event through today's normaliser (after a mapping fix) and, if it
 *  now makes sense, replaces the raw row with the call event in one transaction: never both,
 *  never neither. Lives on the engine's thread; the store work runs on the writer's. */
class EventReprocessor : public QObject
{
    Q_OBJECT
public:
    explicit EventReprocessor(EventWriter &writer, QObject *parent = nullptr);

    /** The normaliser for events stored with this provider name. */
    void addNormaliser(std::shared_ptr<const Normaliser> normaliser);

    void reprocess(qint64 eventId, std::function<void(const ReprocessResult &)> done);

private:
    struct Stored;
    void normaliseAndReplace(const Stored &stored, const std::function<void(const ReprocessResult &)> &done);

    EventWriter &m_writer;
    QHash<QString, std::shared_ptr<const Normaliser>> m_normalisers;
};

} // namespace ringside

Q_DECLARE_METATYPE(ringside::ReprocessResult)
