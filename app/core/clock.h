#pragma once

#include <QtGlobal>
#include <atomic>

namespace ringside {

/** The source of "now" for everything that compares times, so tests can move time by hand. */
class Clock
{
public:
    virtual ~Clock() = default;
    /** Milliseconds since the Unix epoch (UTC). */
    virtual qint64 nowMs() const = 0;

    /** The wall clock; lives for the whole program. */
    static const Clock &system();
};

/** A clock that only moves when told to; thread-safe. */
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'780'000'000'000) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now.load(); }
    void setMs(qint64 ms) { m_now.store(ms); }
    void advanceMs(qint64 ms) { m_now.fetch_add(ms); }

private:
    std::atomic<qint64> m_now;
};

} // namespace ringside
