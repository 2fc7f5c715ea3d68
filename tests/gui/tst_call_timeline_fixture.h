#pragma once

#include "core/clock.h"
#include "models/call_timeline.h"
#include "store/event_writer.h"

#include <QObject>
#include <QTemporaryDir>
#include <memory>

namespace ringside::test {

/** A real store for the timeline tests, written by the engine's own writer and delivery queue:
 *  events with chosen receipt times (our clock) and event times (the provider's clock), and
 *  CRM attempts recorded the way the delivery worker records them. */
class TimelineFixture : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kT0 = 1'780'000'000'000;
    static constexpr qint64 kSecond = 1000;

    /** When the provider says the call was initiated, answered and ended. */
    struct CallTimes
    {
        qint64 initiated = kT0 - 70 * kSecond;
        std::optional<qint64> answered = kT0 - 65 * kSecond;
        qint64 ended = kT0 - 5 * kSecond;
    };

    TimelineFixture();
    ~TimelineFixture() override;

    bool start(QString *error);
    QString path() const { return m_dir.filePath(QStringLiteral("timeline.db")); }
    ManualClock &clock() { return m_clock; }

    /** One request of one event, received at receivedAt; the payload carries the times it knows. */
    WriteResult receive(const QString &callUuid, EventType type, qint64 receivedAt, const CallTimes &times);
    WriteResult receive(const QString &callUuid, EventType type, qint64 receivedAt);
    /** Claims the call's next due delivery to the "crm" sink at `at` and records one attempt of it. */
    bool attempt(const QString &callUuid, qint64 at, int httpStatus, qint64 durationMs, const QString &error = {});
    /** Loads through a read-only connection, as the app does. */
    std::optional<CallTimeline> load(const QString &callUuid, QString *error);
    /** load() for a call the test has built: a failure ends the test run. */
    CallTimeline timeline(const QString &callUuid);

    /** The call of issue #4: completed, initiated, answered, then initiated again (a provider
     *  retry); its first CRM delivery fails with 503 and succeeds on the retry. */
    bool buildOutOfOrderCall(const QString &callUuid);
    /** A call whose only event so far is call.initiated. */
    bool buildIncompleteCall(const QString &callUuid);

private:
    bool run(const EventWriter::Task &task);

    QTemporaryDir m_dir;
    ManualClock m_clock{kT0};
    std::unique_ptr<EventWriter> m_writer;
};

} // namespace ringside::test
