#include "delivery/retry_policy.h"
#include "providers/canonical_event.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace ringside;

namespace {
using Verdict = RetryPolicy::Verdict;
using State = RetryPolicy::Decision::State;

qint64 at(const char *iso)
{
    return *parseIsoTime(QString::fromLatin1(iso));
}

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kNone = -1; // "no value" in the optional columns
} // namespace

/** Tests how delivery attempts are classified, backed off, timed by Retry-After and given up on. */
class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void classify_data();
    void classify();
    void backoff_data();
    void backoff();
    void backoffStaysWithinCeiling();
    void retryAfter_data();
    void retryAfter();
    void decide_data();
    void decide();
    void decideSingularAttempt();
    void fromSettings_data();
    void fromSettings();
};

void TestRetryPolicy::defaults()
{
    const RetryPolicy p;
    QCOMPARE(p.baseDelayMs(), 10'000);
    QCOMPARE(p.maxDelayMs(), kHour);
    QCOMPARE(p.maxAttempts(), 12);
    QCOMPARE(p.maxAgeMs(), 24 * kHour);
}

void TestRetryPolicy::classify_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("networkError");
    QTest::addColumn<int>("verdict");

    const int delivered = int(Verdict::Delivered), transient = int(Verdict::Transient),
              permanent = int(Verdict::Permanent), pause = int(Verdict::Pause);

    QTest::newRow("no response: connection refused / timeout") << 0 << true << transient;
    QTest::newRow("no response without an error flag") << 0 << false << transient;
    QTest::newRow("1xx as a final status is a broken server") << 100 << false << transient;
    QTest::newRow("200 OK") << 200 << false << delivered;
    QTest::newRow("201 Created") << 201 << false << delivered;
    QTest::newRow("204 No Content") << 204 << false << delivered;
    QTest::newRow("299 end of 2xx") << 299 << false << delivered;
    QTest::newRow("301 redirect is not followed for a POST") << 301 << false << permanent;
    QTest::newRow("302 Found") << 302 << false << permanent;
    QTest::newRow("307 Temporary Redirect") << 307 << false << permanent;
    QTest::newRow("308 Permanent Redirect") << 308 << false << permanent;
    QTest::newRow("400 Bad Request") << 400 << false << permanent;
    QTest::newRow("401 Unauthorized pauses the sink") << 401 << false << pause;
    QTest::newRow("403 Forbidden pauses the sink") << 403 << false << pause;
    QTest::newRow("404 Not Found") << 404 << false << permanent;
    QTest::newRow("408 Request Timeout") << 408 << false << transient;
    QTest::newRow("409 Conflict") << 409 << false << permanent;
    QTest::newRow("413 Payload Too Large") << 413 << false << permanent;
    QTest::newRow("422 Unprocessable") << 422 << false << permanent;
    QTest::newRow("425 Too Early") << 425 << false << transient;
    QTest::newRow("429 Too Many Requests") << 429 << false << transient;
    QTest::newRow("499 end of 4xx") << 499 << false << permanent;
    QTest::newRow("500 Internal Server Error") << 500 << false << transient;
    QTest::newRow("502 Bad Gateway") << 502 << false << transient;
    QTest::newRow("503 Service Unavailable") << 503 << false << transient;
    QTest::newRow("504 Gateway Timeout") << 504 << false << transient;
    QTest::newRow("599 end of 5xx") << 599 << false << transient;
    // QNetworkReply reports an error for every 4xx/5xx: the status must still decide.
    QTest::newRow("404 with the reply's error flag stays permanent") << 404 << true << permanent;
    QTest::newRow("401 with the reply's error flag still pauses") << 401 << true << pause;
    QTest::newRow("503 with the reply's error flag") << 503 << true << transient;
}

void TestRetryPolicy::classify()
{
    QFETCH(int, status);
    QFETCH(bool, networkError);
    QFETCH(int, verdict);
    QCOMPARE(int(RetryPolicy::classify(status, networkError)), verdict);
}

void TestRetryPolicy::backoff_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<double>("random01");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("1st failure, r=0") << 1 << 0.0 << qint64(0);
    QTest::newRow("1st failure, r=0.5") << 1 << 0.5 << qint64(5'000);
    QTest::newRow("1st failure, r=1") << 1 << 1.0 << qint64(10'000);
    QTest::newRow("2nd failure doubles, r=1") << 2 << 1.0 << qint64(20'000);
    QTest::newRow("2nd failure, r=0.5") << 2 << 0.5 << qint64(10'000);
    QTest::newRow("3rd failure, r=1") << 3 << 1.0 << qint64(40'000);
    QTest::newRow("9th failure, 2560 s") << 9 << 1.0 << qint64(2'560'000);
    QTest::newRow("10th failure capped at 1 h, r=1") << 10 << 1.0 << kHour;
    QTest::newRow("10th failure capped, r=0.5") << 10 << 0.5 << kHour / 2;
    QTest::newRow("10th failure capped, r=0") << 10 << 0.0 << qint64(0);
    QTest::newRow("0 failures counts as 1") << 0 << 1.0 << qint64(10'000);
    QTest::newRow("negative failures count as 1") << -5 << 1.0 << qint64(10'000);
    QTest::newRow("62 failures: shift at the edge") << 62 << 1.0 << kHour;
    QTest::newRow("64 failures: shift past 63 bits") << 64 << 1.0 << kHour;
    QTest::newRow("1000 failures") << 1000 << 1.0 << kHour;
    QTest::newRow("INT_MAX failures") << std::numeric_limits<int>::max() << 1.0 << kHour;
    QTest::newRow("random above 1 is clamped") << 2 << 7.0 << qint64(20'000);
    QTest::newRow("negative random is clamped") << 2 << -0.5 << qint64(0);
    QTest::newRow("NaN random gives 0") << 2 << std::nan("") << qint64(0);
}

void TestRetryPolicy::backoff()
{
    QFETCH(int, failures);
    QFETCH(double, random01);
    QFETCH(qint64, expected);
    QCOMPARE(RetryPolicy().backoffMs(failures, random01), expected);
}

void TestRetryPolicy::backoffStaysWithinCeiling()
{
    const RetryPolicy p;
    qint64 previousCeiling = 0;
    for (int f = 1; f <= 200; ++f) {
        const qint64 ceiling = p.backoffMs(f, 1.0);
        QVERIFY2(ceiling >= previousCeiling, qPrintable(QString::number(f)));
        QVERIFY(ceiling <= p.maxDelayMs());
        for (double r : {0.0, 0.1, 0.5, 0.9999, 1.0}) {
            const qint64 b = p.backoffMs(f, r);
            QVERIFY(b >= 0);
            QVERIFY(b <= ceiling);
        }
        previousCeiling = ceiling;
    }
    // A policy with an enormous cap must not overflow either.
    const RetryPolicy huge(1, std::numeric_limits<qint64>::max(), 1000, kHour);
    QCOMPARE(huge.backoffMs(63, 1.0), qint64(1) << 62);
    QCOMPARE(huge.backoffMs(64, 1.0), std::numeric_limits<qint64>::max());
    QVERIFY(huge.backoffMs(5000, 0.5) > 0);
}

void TestRetryPolicy::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("expected"); // kNone: nullopt

    const qint64 rfcExample = at("1994-11-06T08:49:37Z"); // the date RFC 9110 uses in its examples
    const qint64 twoMinBefore = rfcExample - 120'000;

    QTest::newRow("delta-seconds 120") << QByteArray("120") << twoMinBefore << qint64(120'000);
    QTest::newRow("delta-seconds 0") << QByteArray("0") << twoMinBefore << qint64(0);
    QTest::newRow("delta-seconds with surrounding space") << QByteArray("  30 \t") << twoMinBefore << qint64(30'000);
    QTest::newRow("delta-seconds exactly 24 h") << QByteArray("86400") << twoMinBefore << 24 * kHour;
    QTest::newRow("delta-seconds just over 24 h is capped") << QByteArray("86401") << twoMinBefore << 24 * kHour;
    QTest::newRow("delta-seconds with 30 digits is capped, no overflow")
        << QByteArray("999999999999999999999999999999") << twoMinBefore << 24 * kHour;

    QTest::newRow("IMF-fixdate 2 min ahead") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << twoMinBefore
                                             << qint64(120'000);
    QTest::newRow("RFC 850 date 2 min ahead") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << twoMinBefore
                                              << qint64(120'000);
    QTest::newRow("asctime date 2 min ahead") << QByteArray("Sun Nov  6 08:49:37 1994") << twoMinBefore
                                              << qint64(120'000);
    QTest::newRow("asctime with a two-digit day")
        << QByteArray("Wed Nov 16 08:49:37 1994") << at("1994-11-16T08:49:00Z") << qint64(37'000);
    QTest::newRow("IMF-fixdate with UTC instead of GMT")
        << QByteArray("Sun, 06 Nov 1994 08:49:37 UTC") << twoMinBefore << qint64(120'000);
    QTest::newRow("RFC 850 two-digit year in this century")
        << QByteArray("Thursday, 04-Jun-26 09:14:22 GMT") << at("2026-06-04T09:14:00Z") << qint64(22'000);
    // Read as 2094 it would be far in the future (capped); RFC 9110 says 1994, i.e. in the past.
    QTest::newRow("RFC 850 year 94 seen in 2026 is 1994")
        << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << at("2026-06-04T09:14:00Z") << qint64(0);

    QTest::newRow("IMF-fixdate in the past gives 0")
        << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << rfcExample + 5'000 << qint64(0);
    QTest::newRow("IMF-fixdate equal to now gives 0")
        << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << rfcExample << qint64(0);
    QTest::newRow("asctime in the past gives 0") << QByteArray("Sun Nov  6 08:49:37 1994") << rfcExample + 1
                                                 << qint64(0);
    QTest::newRow("date in year 9999 is capped") << QByteArray("Fri, 31 Dec 9999 23:59:59 GMT") << twoMinBefore
                                                 << 24 * kHour;
    QTest::newRow("date two days ahead is capped") << QByteArray("Tue, 08 Nov 1994 08:49:37 GMT") << rfcExample
                                                   << 24 * kHour;

    QTest::newRow("garbage: empty") << QByteArray() << twoMinBefore << kNone;
    QTest::newRow("garbage: blank") << QByteArray("   ") << twoMinBefore << kNone;
    QTest::newRow("garbage: a word") << QByteArray("soon") << twoMinBefore << kNone;
    QTest::newRow("garbage: negative seconds") << QByteArray("-5") << twoMinBefore << kNone;
    QTest::newRow("garbage: fractional seconds") << QByteArray("1.5") << twoMinBefore << kNone;
    QTest::newRow("garbage: plus sign") << QByteArray("+5") << twoMinBefore << kNone;
    QTest::newRow("garbage: digits then text") << QByteArray("12abc") << twoMinBefore << kNone;
    QTest::newRow("garbage: date without zone") << QByteArray("Sun, 06 Nov 1994 08:49:37") << twoMinBefore << kNone;
    QTest::newRow("garbage: numeric offset") << QByteArray("Sun, 06 Nov 1994 08:49:37 +0000") << twoMinBefore
                                             << kNone;
    QTest::newRow("garbage: 31 February") << QByteArray("Sun, 31 Feb 1994 08:49:37 GMT") << twoMinBefore << kNone;
    QTest::newRow("garbage: hour 25") << QByteArray("Sun, 06 Nov 1994 25:49:37 GMT") << twoMinBefore << kNone;
    QTest::newRow("garbage: unknown month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << twoMinBefore << kNone;
    QTest::newRow("garbage: unknown day name") << QByteArray("Xyz, 06 Nov 1994 08:49:37 GMT") << twoMinBefore
                                               << kNone;
    QTest::newRow("garbage: RFC 850 with a four-digit year")
        << QByteArray("Sunday, 06-Nov-1994 08:49:37 GMT") << twoMinBefore << kNone;
    QTest::newRow("garbage: ISO 8601") << QByteArray("1994-11-06T08:49:37Z") << twoMinBefore << kNone;
}

void TestRetryPolicy::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, now);
    QFETCH(qint64, expected);
    const std::optional<qint64> got = RetryPolicy::parseRetryAfter(value, now);
    if (expected == kNone) {
        QVERIFY2(!got, qPrintable(QString::number(got.value_or(0))));
    } else {
        QVERIFY(got);
        QCOMPARE(*got, expected);
    }
}

void TestRetryPolicy::decide_data()
{
    QTest::addColumn<int>("attempts");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<qint64>("retryAfter"); // kNone: no header
    QTest::addColumn<double>("random01");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<int>("state");
    QTest::addColumn<qint64>("next");
    QTest::addColumn<QString>("reason");

    const qint64 created = at("2026-06-04T09:00:00Z");
    const int transient = int(Verdict::Transient);
    const QString http503 = QStringLiteral("HTTP 503");

    QTest::newRow("transient: retry after the jitter")
        << 1 << created + 1'000 << transient << kNone << 0.5 << http503 << int(State::Retry)
        << created + 1'000 + 5'000 << http503;
    QTest::newRow("transient: a longer Retry-After wins over the jitter")
        << 1 << created + 1'000 << transient << qint64(60'000) << 0.5 << QStringLiteral("HTTP 429")
        << int(State::Retry) << created + 61'000 << QStringLiteral("HTTP 429");
    QTest::newRow("transient: a longer jitter wins over Retry-After")
        << 5 << created + 1'000 << transient << qint64(1'000) << 1.0 << http503 << int(State::Retry)
        << created + 1'000 + 160'000 << http503;
    QTest::newRow("transient: a negative Retry-After counts as none")
        << 1 << created << transient << qint64(-50'000) << 1.0 << http503 << int(State::Retry)
        << created + 10'000 << http503;
    QTest::newRow("transient: 11th attempt still retries, capped at 1 h")
        << 11 << created + 5 * kHour << transient << kNone << 1.0 << http503 << int(State::Retry)
        << created + 6 * kHour << http503;
    QTest::newRow("transient: retry landing exactly on max age is allowed")
        << 10 << created + 23 * kHour << transient << kNone << 1.0 << http503 << int(State::Retry)
        << created + 24 * kHour << http503;
    QTest::newRow("dead by attempts: the 12th attempt failed")
        << 12 << created + 6 * kHour << transient << kNone << 0.5 << http503 << int(State::Dead) << qint64(0)
        << QStringLiteral("gave up after 12 attempts: HTTP 503");
    QTest::newRow("dead by attempts: beyond the budget")
        << 13 << created + 6 * kHour << transient << kNone << 0.5 << QStringLiteral("connection refused")
        << int(State::Dead) << qint64(0) << QStringLiteral("gave up after 13 attempts: connection refused");
    QTest::newRow("dead by age: older than 24 h")
        << 3 << created + 24 * kHour << transient << kNone << 0.0 << QStringLiteral("timeout") << int(State::Dead)
        << qint64(0) << QStringLiteral("gave up after 3 attempts (max age 24 h): timeout");
    QTest::newRow("dead by age: the next attempt would be past max age")
        << 10 << created + 23 * kHour + 30 * 60'000 << transient << kNone << 1.0 << http503 << int(State::Dead)
        << qint64(0) << QStringLiteral("gave up after 10 attempts (max age 24 h): HTTP 503");
    QTest::newRow("dead by age: Retry-After reaches past max age")
        << 2 << created + 20 * kHour << transient << 5 * kHour << 0.0 << QStringLiteral("HTTP 429")
        << int(State::Dead) << qint64(0) << QStringLiteral("gave up after 2 attempts (max age 24 h): HTTP 429");
    QTest::newRow("dead without a detail")
        << 12 << created + kHour << transient << kNone << 0.5 << QString() << int(State::Dead) << qint64(0)
        << QStringLiteral("gave up after 12 attempts");
    QTest::newRow("permanent: dead at once with the detail")
        << 1 << created + 1'000 << int(Verdict::Permanent) << kNone << 0.5
        << QStringLiteral("HTTP 400: Property values were not valid") << int(State::Dead) << qint64(0)
        << QStringLiteral("HTTP 400: Property values were not valid");
    QTest::newRow("permanent without a detail")
        << 1 << created + 1'000 << int(Verdict::Permanent) << kNone << 0.5 << QString() << int(State::Dead)
        << qint64(0) << QStringLiteral("permanent failure");
    QTest::newRow("pause: due again as soon as the sink resumes")
        << 3 << created + 1'000 << int(Verdict::Pause) << kNone << 0.5 << QStringLiteral("HTTP 401")
        << int(State::Paused) << created + 1'000 << QStringLiteral("HTTP 401");
    QTest::newRow("pause ignores the attempt budget and Retry-After")
        << 12 << created + 1'000 << int(Verdict::Pause) << qint64(60'000) << 0.5 << QStringLiteral("HTTP 403")
        << int(State::Paused) << created + 1'000 << QStringLiteral("HTTP 403");
    QTest::newRow("delivered") << 4 << created + 1'000 << int(Verdict::Delivered) << kNone << 0.5
                               << QStringLiteral("HTTP 201") << int(State::Delivered) << qint64(0) << QString();
}

void TestRetryPolicy::decide()
{
    QFETCH(int, attempts);
    QFETCH(qint64, now);
    QFETCH(int, verdict);
    QFETCH(qint64, retryAfter);
    QFETCH(double, random01);
    QFETCH(QString, detail);
    QFETCH(int, state);
    QFETCH(qint64, next);
    QFETCH(QString, reason);

    const qint64 created = at("2026-06-04T09:00:00Z");
    const RetryPolicy::Decision d =
        RetryPolicy().decide(attempts, created, now, Verdict(verdict),
                             retryAfter == kNone ? std::nullopt : std::optional<qint64>(retryAfter), random01, detail);
    QCOMPARE(int(d.state), state);
    QCOMPARE(d.nextAttemptAtMs, next);
    QCOMPARE(d.reason, reason);
}

void TestRetryPolicy::decideSingularAttempt()
{
    const RetryPolicy once(1'000, 8'000, 1, 90 * 60'000);
    const auto d = once.decide(1, 0, 10, Verdict::Transient, std::nullopt, 0.5, QStringLiteral("HTTP 500"));
    QCOMPARE(int(d.state), int(State::Dead));
    QCOMPARE(d.reason, QStringLiteral("gave up after 1 attempt: HTTP 500"));

    const RetryPolicy twice(1'000, 8'000, 2, 90 * 60'000);
    const auto old = twice.decide(1, 0, 90 * 60'000, Verdict::Transient, std::nullopt, 0.5, QStringLiteral("timeout"));
    QCOMPARE(old.reason, QStringLiteral("gave up after 1 attempt (max age 90 min): timeout"));
}

void TestRetryPolicy::fromSettings_data()
{
    QTest::addColumn<QVariantMap>("settings");
    QTest::addColumn<QString>("errorPart"); // empty: valid
    QTest::addColumn<qint64>("base");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<qint64>("age");

    QTest::newRow("empty map keeps the defaults") << QVariantMap() << QString() << qint64(10'000) << kHour << 12
                                                  << 24 * kHour;
    QTest::newRow("unrelated keys are ignored") << QVariantMap{{"url", "https://example.com"}} << QString()
                                                << qint64(10'000) << kHour << 12 << 24 * kHour;
    QTest::newRow("all keys as numbers")
        << QVariantMap{{"base_delay_s", 5}, {"max_delay_s", 600}, {"max_attempts", 8}, {"max_age_h", 48}}
        << QString() << qint64(5'000) << qint64(600'000) << 8 << 48 * kHour;
    QTest::newRow("all keys as strings, as QSettings reads an INI file")
        << QVariantMap{{"base_delay_s", "5"}, {"max_delay_s", "600"}, {"max_attempts", "8"}, {"max_age_h", "48"}}
        << QString() << qint64(5'000) << qint64(600'000) << 8 << 48 * kHour;
    QTest::newRow("fractional seconds and hours")
        << QVariantMap{{"base_delay_s", 0.5}, {"max_delay_s", "2.5"}, {"max_age_h", 0.5}} << QString()
        << qint64(500) << qint64(2'500) << 12 << kHour / 2;
    QTest::newRow("only max_delay_s, above the default base")
        << QVariantMap{{"max_delay_s", 60}} << QString() << qint64(10'000) << qint64(60'000) << 12 << 24 * kHour;

    const qint64 z = 0;
    QTest::newRow("zero base delay") << QVariantMap{{"base_delay_s", 0}} << QStringLiteral("base_delay_s") << z << z
                                     << 0 << z;
    QTest::newRow("negative max delay") << QVariantMap{{"max_delay_s", -1}} << QStringLiteral("max_delay_s") << z << z
                                        << 0 << z;
    QTest::newRow("text base delay") << QVariantMap{{"base_delay_s", "ten"}} << QStringLiteral("base_delay_s") << z
                                     << z << 0 << z;
    QTest::newRow("NaN base delay") << QVariantMap{{"base_delay_s", "nan"}} << QStringLiteral("base_delay_s") << z
                                    << z << 0 << z;
    QTest::newRow("max below base") << QVariantMap{{"base_delay_s", 60}, {"max_delay_s", 30}}
                                    << QStringLiteral("must not be less than base_delay_s") << z << z << 0 << z;
    QTest::newRow("zero attempts") << QVariantMap{{"max_attempts", 0}} << QStringLiteral("max_attempts") << z << z << 0
                                   << z;
    QTest::newRow("fractional attempts") << QVariantMap{{"max_attempts", 2.5}} << QStringLiteral("max_attempts") << z
                                         << z << 0 << z;
    QTest::newRow("absurd attempts") << QVariantMap{{"max_attempts", "1000000"}} << QStringLiteral("max_attempts") << z
                                     << z << 0 << z;
    QTest::newRow("zero max age") << QVariantMap{{"max_age_h", 0}} << QStringLiteral("max_age_h") << z << z << 0 << z;
    QTest::newRow("absurd max age") << QVariantMap{{"max_age_h", 1e12}} << QStringLiteral("max_age_h") << z << z << 0
                                    << z;
}

void TestRetryPolicy::fromSettings()
{
    QFETCH(QVariantMap, settings);
    QFETCH(QString, errorPart);
    QFETCH(qint64, base);
    QFETCH(qint64, max);
    QFETCH(int, attempts);
    QFETCH(qint64, age);

    QString error = QStringLiteral("stale");
    const RetryPolicy p = RetryPolicy::fromSettings(settings, &error);
    if (errorPart.isEmpty()) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(p.baseDelayMs(), base);
        QCOMPARE(p.maxDelayMs(), max);
        QCOMPARE(p.maxAttempts(), attempts);
        QCOMPARE(p.maxAgeMs(), age);
    } else {
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QCOMPARE(p, RetryPolicy()); // the defaults, never a half-applied policy
    }
    // A null error pointer is allowed.
    QCOMPARE(RetryPolicy::fromSettings(settings, nullptr), p);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retry_policy.moc"
