#pragma once

#include "core/http_message.h"

#include <QObject>

namespace ringside {

class Clock;
class EventWriter;

/** Keeps a capped sample of refused requests (headers + first KiB of body, credentials redacted)
 *  in the store, rate-limited so a flood of bad requests cannot flood the disk. */
class RejectedSampler
{
public:
    RejectedSampler(EventWriter &writer, const Clock &clock, int keepRows = 1000, int perSecond = 20);

    void sample(int status, const QByteArray &reason, const HttpRequest &request);

    /** The request's headers as "name: value" lines, credential-like ones replaced by "[redacted]". */
    static QByteArray redactedHeaders(const HttpRequest &request);

private:
    EventWriter &m_writer;
    const Clock &m_clock;
    int m_keepRows;
    int m_perSecond;
    qint64 m_windowStart = 0;
    int m_inWindow = 0;
};

} // namespace ringside
