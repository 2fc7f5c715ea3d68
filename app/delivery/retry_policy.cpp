#include "delivery/retry_policy.h"

#include <QDate>
#include <QList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ringside {

namespace {

constexpr qint64 kMsPerDay = 86'400'000;
constexpr qint64 kUnixEpochJulianDay = 2'440'588;

qint64 saturatingAdd(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return sum;
}

/** "24 h", "90 min", "45 s": the limit as a person wrote it in the settings. */
QString limitText(qint64 ms)
{
    if (ms >= 3'600'000 && ms % 3'600'000 == 0)
        return QStringLiteral("%1 h").arg(ms / 3'600'000);
    if (ms >= 60'000 && ms % 60'000 == 0)
        return QStringLiteral("%1 min").arg(ms / 60'000);
    return QStringLiteral("%1 s").arg((ms + 500) / 1000);
}

QString attemptsText(int attempts)
{
    return attempts == 1 ? QStringLiteral("1 attempt") : QStringLiteral("%1 attempts").arg(attempts);
}

// --- HTTP-date (RFC 9110 5.6.7) -------------------------------------------------------------

std::optional<int> fixedDigits(QByteArrayView s, qsizetype n)
{
    if (s.size() != n)
        return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

bool equalsIgnoreCase(QByteArrayView a, const char *b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

std::optional<int> monthNumber(QByteArrayView s)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
        if (equalsIgnoreCase(s, months[i]))
            return i + 1;
    }
    return std::nullopt;
}

bool isDayName(QByteArrayView s, bool longForm)
{
    static const char *const shortNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const longNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
    for (const char *name : longForm ? longNames : shortNames) {
        if (equalsIgnoreCase(s, name))
            return true;
    }
    return false;
}

/** "08:49:37" -> seconds of the day; 60 is allowed for a leap second. */
std::optional<int> timeOfDay(QByteArrayView s)
{
    if (s.size() != 8 || s[2] != ':' || s[5] != ':')
        return std::nullopt;
    const auto h = fixedDigits(s.sliced(0, 2), 2), m = fixedDigits(s.sliced(3, 2), 2),
               sec = fixedDigits(s.sliced(6, 2), 2);
    if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 60)
        return std::nullopt;
    return *h * 3600 + *m * 60 + *sec;
}

bool isGmt(QByteArrayView s)
{
    // RFC 9110 says GMT; "UTC" means the same instant, so take it rather than ignore the header.
    return s == QByteArrayView("GMT") || s == QByteArrayView("UTC");
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::optional<qint64> epochMs(int year, int month, int day, int secondsOfDay)
{
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    return (date.toJulianDay() - kUnixEpochJulianDay) * kMsPerDay + qint64(secondsOfDay) * 1000;
}

QList<QByteArrayView> tokens(QByteArrayView s)
{
    QList<QByteArrayView> out;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= s.size(); ++i) {
        const bool space = i == s.size() || s[i] == ' ' || s[i] == '\t';
        if (space && start >= 0) {
            out.append(s.sliced(start, i - start));
            start = -1;
        } else if (!space && start < 0) {
            start = i;
        }
    }
    return out;
}

std::optional<qint64> parseHttpDate(QByteArrayView s, qint64 nowMs)
{
    const QList<QByteArrayView> t = tokens(s);

    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (t.size() == 6 && t[0].endsWith(',') && isDayName(t[0].chopped(1), false) && isGmt(t[5])) {
        const auto day = fixedDigits(t[1], 2), month = monthNumber(t[2]), year = fixedDigits(t[3], 4);
        const auto time = timeOfDay(t[4]);
        if (day && month && year && time)
            return epochMs(*year, *month, *day, *time);
        return std::nullopt;
    }

    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    if (t.size() == 4 && t[0].endsWith(',') && isDayName(t[0].chopped(1), true) && isGmt(t[3])) {
        const QByteArrayView d = t[1];
        if (d.size() != 9 || d[2] != '-' || d[6] != '-')
            return std::nullopt;
        const auto day = fixedDigits(d.sliced(0, 2), 2), month = monthNumber(d.sliced(3, 3)),
                   yy = fixedDigits(d.sliced(7, 2), 2);
        const auto time = timeOfDay(t[2]);
        if (!day || !month || !yy || !time)
            return std::nullopt;
        // RFC 9110: a two-digit year more than 50 years in the future is the most recent past
        // year with the same last two digits.
        const int nowYear = QDate::fromJulianDay(floorDiv(nowMs, kMsPerDay) + kUnixEpochJulianDay).year();
        int year = nowYear / 100 * 100 + *yy;
        if (year > nowYear + 50)
            year -= 100;
        return epochMs(year, *month, *day, *time);
    }

    // asctime: "Sun Nov  6 08:49:37 1994"
    if (t.size() == 5 && isDayName(t[0], false)) {
        const auto month = monthNumber(t[1]);
        const auto day = t[2].size() == 1 ? fixedDigits(t[2], 1) : fixedDigits(t[2], 2);
        const auto time = timeOfDay(t[3]);
        const auto year = fixedDigits(t[4], 4);
        if (month && day && time && year)
            return epochMs(*year, *month, *day, *time);
    }
    return std::nullopt;
}

std::optional<double> number(const QVariant &v)
{
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    return d;
}

} // namespace

RetryPolicy::RetryPolicy(qint64 baseDelayMs, qint64 maxDelayMs, int maxAttempts, qint64 maxAgeMs)
    : m_baseDelayMs(std::max<qint64>(1, baseDelayMs)),
      m_maxDelayMs(std::max(m_baseDelayMs, maxDelayMs)),
      m_maxAttempts(std::max(1, maxAttempts)),
      m_maxAgeMs(std::max<qint64>(1, maxAgeMs))
{
}

RetryPolicy::Verdict RetryPolicy::classify(int httpStatus, bool networkError)
{
    Q_UNUSED(networkError); // a status means the server answered; without one nothing is known
    if (httpStatus == 0)
        return Verdict::Transient;
    if (httpStatus >= 200 && httpStatus <= 299)
        return Verdict::Delivered;
    if (httpStatus == 401 || httpStatus == 403)
        return Verdict::Pause;
    if (httpStatus == 408 || httpStatus == 425 || httpStatus == 429)
        return Verdict::Transient;
    // We never follow redirects for a POST: a 3xx means the sink URL is wrong, like a 404.
    if ((httpStatus >= 300 && httpStatus <= 399) || (httpStatus >= 400 && httpStatus <= 499))
        return Verdict::Permanent;
    // 5xx, and anything that is not a valid final status (1xx, >= 600): the server misbehaved,
    // and a retry is safe because every write is idempotent and the budget is bounded.
    return Verdict::Transient;
}

qint64 RetryPolicy::backoffMs(int failures, double random01) const
{
    const int shift = std::max(1, failures) - 1;
    qint64 ceiling = m_maxDelayMs;
    if (shift < 63 && m_baseDelayMs <= (m_maxDelayMs >> shift))
        ceiling = m_baseDelayMs << shift;

    double r = random01;
    if (!(r > 0)) // also NaN
        r = 0;
    if (r > 1)
        r = 1;
    const double v = r * double(ceiling);
    return v >= double(ceiling) ? ceiling : qint64(v);
}

std::optional<qint64> RetryPolicy::parseRetryAfter(QByteArrayView value, qint64 nowMs)
{
    const QByteArrayView s = value.trimmed();
    if (s.isEmpty())
        return std::nullopt;

    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        qint64 seconds = 0;
        for (char c : s) {
            seconds = seconds * 10 + (c - '0');
            if (seconds * 1000 >= kMaxRetryAfterMs) // stop before a 30-digit value overflows
                return kMaxRetryAfterMs;
        }
        return seconds * 1000;
    }

    const std::optional<qint64> at = parseHttpDate(s, nowMs);
    if (!at)
        return std::nullopt;
    if (*at <= nowMs)
        return 0;
    return std::min(*at - nowMs, kMaxRetryAfterMs);
}

RetryPolicy::Decision RetryPolicy::decide(int attemptsSoFarIncludingThis, qint64 createdAtMs, qint64 nowMs,
                                          Verdict verdict, std::optional<qint64> retryAfterMs, double random01,
                                          const QString &detail) const
{
    const int attempts = std::max(1, attemptsSoFarIncludingThis);
    const QString suffix = detail.isEmpty() ? QString() : QStringLiteral(": ") + detail;

    switch (verdict) {
    case Verdict::Delivered:
        return {Decision::State::Delivered, 0, {}};
    case Verdict::Permanent:
        return {Decision::State::Dead, 0, detail.isEmpty() ? QStringLiteral("permanent failure") : detail};
    case Verdict::Pause:
        // The sink is paused, not the delivery: it stays due and goes out once a person resumes the sink.
        return {Decision::State::Paused, nowMs, detail};
    case Verdict::Transient:
        break;
    }

    if (attempts >= m_maxAttempts)
        return {Decision::State::Dead, 0, QStringLiteral("gave up after %1").arg(attemptsText(attempts)) + suffix};

    const qint64 deadline = saturatingAdd(createdAtMs, m_maxAgeMs);
    const QString tooOld = QStringLiteral("gave up after %1 (max age %2)")
                               .arg(attemptsText(attempts), limitText(m_maxAgeMs))
        + suffix;
    if (nowMs >= deadline)
        return {Decision::State::Dead, 0, tooOld};

    const qint64 honoured = std::clamp<qint64>(retryAfterMs.value_or(0), 0, kMaxRetryAfterMs);
    const qint64 next = saturatingAdd(nowMs, std::max(backoffMs(attempts, random01), honoured));
    // An attempt after the deadline could only end in "dead" too; say so now rather than later.
    if (next > deadline)
        return {Decision::State::Dead, 0, tooOld};
    return {Decision::State::Retry, next, detail};
}

RetryPolicy RetryPolicy::fromSettings(const QVariantMap &settings, QString *error)
{
    constexpr double kMaxDelaySeconds = 30.0 * 86'400; // keeps every sum of times far from overflow
    constexpr double kMaxAgeHours = 366.0 * 24;
    constexpr int kMaxAttemptsLimit = 1000;

    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return RetryPolicy();
    };

    RetryPolicy p;
    auto seconds = [&](const char *key, qint64 *outMs) -> bool {
        const QString k = QString::fromLatin1(key);
        if (!settings.contains(k))
            return true;
        const std::optional<double> s = number(settings.value(k));
        if (!s || *s <= 0 || *s > kMaxDelaySeconds || std::llround(*s * 1000) < 1)
            return false;
        *outMs = std::llround(*s * 1000);
        return true;
    };

    if (!seconds("base_delay_s", &p.m_baseDelayMs))
        return fail(QStringLiteral("base_delay_s must be a number of seconds > 0 and at most %1").arg(kMaxDelaySeconds));
    if (!seconds("max_delay_s", &p.m_maxDelayMs))
        return fail(QStringLiteral("max_delay_s must be a number of seconds > 0 and at most %1").arg(kMaxDelaySeconds));
    if (p.m_maxDelayMs < p.m_baseDelayMs)
        return fail(QStringLiteral("max_delay_s (%1) must not be less than base_delay_s (%2)")
                        .arg(p.m_maxDelayMs / 1000.0)
                        .arg(p.m_baseDelayMs / 1000.0));

    if (settings.contains(QStringLiteral("max_attempts"))) {
        const std::optional<double> n = number(settings.value(QStringLiteral("max_attempts")));
        if (!n || *n < 1 || *n > kMaxAttemptsLimit || std::floor(*n) != *n)
            return fail(QStringLiteral("max_attempts must be a whole number from 1 to %1").arg(kMaxAttemptsLimit));
        p.m_maxAttempts = int(*n);
    }

    if (settings.contains(QStringLiteral("max_age_h"))) {
        const std::optional<double> h = number(settings.value(QStringLiteral("max_age_h")));
        if (!h || *h <= 0 || *h > kMaxAgeHours || std::llround(*h * 3'600'000) < 1)
            return fail(QStringLiteral("max_age_h must be a number of hours > 0 and at most %1").arg(kMaxAgeHours));
        p.m_maxAgeMs = std::llround(*h * 3'600'000);
    }

    if (error)
        error->clear();
    return p;
}

} // namespace ringside
