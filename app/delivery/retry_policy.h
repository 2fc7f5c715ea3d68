#pragma once

#include <QByteArrayView>
#include <QString>
#include <QVariantMap>
#include <QtGlobal>

#include <optional>

namespace ringside {

/** When and whether a CRM delivery is tried again: failure classification, jittered backoff, Retry-After and the give-up limits. */
class RetryPolicy
{
public:
    /** What one attempt's outcome says about the delivery. */
    enum class Verdict {
        Delivered, // 2xx
        Transient, // no response, 408, 425, 429, 5xx: try again later
        Permanent, // other 4xx and 3xx: the same request will never succeed
        Pause      // 401, 403: every write to this sink would fail until a person fixes the credentials
    };

    /** What to do with the delivery after an attempt. */
    struct Decision
    {
        enum class State { Delivered, Retry, Dead, Paused };
        State state = State::Delivered;
        /** Retry: when to try again. Paused: nowMs, i.e. the delivery's schedule is unchanged and it
         *  is due as soon as the sink is resumed. Delivered and Dead: 0, there is no next attempt. */
        qint64 nextAttemptAtMs = 0;
        /** Dead: why, for the failed-deliveries list ("gave up after 12 attempts: HTTP 503").
         *  Retry and Paused: the attempt's detail. Delivered: empty. */
        QString reason;

        bool operator==(const Decision &) const = default;
    };

    static constexpr qint64 kDefaultBaseDelayMs = 10'000;
    static constexpr qint64 kDefaultMaxDelayMs = 3'600'000;
    static constexpr int kDefaultMaxAttempts = 12;
    static constexpr qint64 kDefaultMaxAgeMs = 24 * 3'600'000LL;
    /** The longest Retry-After honoured: a server asking for more gets this (and max age decides). */
    static constexpr qint64 kMaxRetryAfterMs = 24 * 3'600'000LL;

    RetryPolicy() = default;
    /** Values below 1 are raised to 1; maxDelayMs is raised to baseDelayMs. */
    RetryPolicy(qint64 baseDelayMs, qint64 maxDelayMs, int maxAttempts, qint64 maxAgeMs);

    qint64 baseDelayMs() const { return m_baseDelayMs; }
    qint64 maxDelayMs() const { return m_maxDelayMs; }
    int maxAttempts() const { return m_maxAttempts; }
    qint64 maxAgeMs() const { return m_maxAgeMs; }

    /** Classifies one attempt. httpStatus 0 means no HTTP response arrived (connection refused,
     *  DNS, TLS, timeout): transient whatever networkError says. With a status, the status decides
     *  and networkError is ignored (QNetworkReply reports an error for every 4xx/5xx too). */
    static Verdict classify(int httpStatus, bool networkError);

    /** Full jitter: random01 * min(maxDelay, baseDelay * 2^(failures - 1)); failures < 1 counts as 1,
     *  random01 is clamped to [0, 1]. Never negative, never overflows. */
    qint64 backoffMs(int failures, double random01) const;

    /** The delay a Retry-After header asks for, in ms: delta-seconds or an HTTP-date (IMF-fixdate,
     *  RFC 850, asctime; RFC 9110 10.2.3). A date in the past gives 0; more than kMaxRetryAfterMs is
     *  capped to it; anything unparseable gives nullopt. */
    static std::optional<qint64> parseRetryAfter(QByteArrayView value, qint64 nowMs);

    /** Decides after an attempt. attemptsSoFarIncludingThis counts this attempt; the caller does not
     *  count Pause attempts against the budget. A transient failure is retried at
     *  now + max(jitter, Retry-After) unless the attempts are used up, the delivery is older than
     *  max age, or the next attempt would fall after createdAt + maxAge: then it is dead. */
    Decision decide(int attemptsSoFarIncludingThis, qint64 createdAtMs, qint64 nowMs, Verdict verdict,
                    std::optional<qint64> retryAfterMs, double random01, const QString &detail) const;

    /** Reads base_delay_s, max_delay_s, max_attempts and max_age_h (numbers or numeric strings, as
     *  QSettings returns them; missing keys keep their defaults). On an invalid value sets *error
     *  (when given) and returns the defaults; on success clears *error. */
    static RetryPolicy fromSettings(const QVariantMap &settings, QString *error = nullptr);

    bool operator==(const RetryPolicy &) const = default;

private:
    qint64 m_baseDelayMs = kDefaultBaseDelayMs;
    qint64 m_maxDelayMs = kDefaultMaxDelayMs;
    int m_maxAttempts = kDefaultMaxAttempts;
    qint64 m_maxAgeMs = kDefaultMaxAgeMs;
};

} // namespace ringside
