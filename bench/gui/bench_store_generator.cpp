#include "bench_store_generator.h"

#include "metrics/histogram.h"
#include "metrics/minute_rollup.h"
#include "models/metrics_query.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/sqlite_statement.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <sqlite3.h>

#include <cmath>
#include <ctime>

namespace ringside {

namespace {

// Bump when the generated rows change: a cached database of an older generator is made anew.
constexpr int kGeneratorVersion = 1;
constexpr qint64 kSpanMs = 7 * 24 * 3600 * 1000LL;
constexpr qint64 kRejectedRequests = 5 * 24 * 7; // a scanner's 404s, five an hour
constexpr int kPendingDeliveries = 200;           // the newest events, not sent yet

// ---- SQL functions: deterministic pseudo-random picks, hex and ISO times, in C for speed.

quint64 splitmix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 seedOf(sqlite3_value *v, sqlite3_value *salt)
{
    quint64 seed;
    if (sqlite3_value_type(v) == SQLITE_INTEGER) {
        seed = quint64(sqlite3_value_int64(v));
    } else {
        // FNV-1a over the text: call ids seed picks as well as numbers do.
        const auto *p = sqlite3_value_text(v);
        const int n = sqlite3_value_bytes(v);
        seed = 0xcbf29ce484222325ULL;
        for (int i = 0; i < n; ++i)
            seed = (seed ^ p[i]) * 0x100000001b3ULL;
    }
    return splitmix(seed ^ splitmix(quint64(sqlite3_value_int64(salt))));
}

// rs_pick(value, salt, n): 0 <= result < n
void pickFunction(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    const qint64 n = sqlite3_value_int64(argv[2]);
    sqlite3_result_int64(ctx, n > 0 ? qint64(seedOf(argv[0], argv[1]) % quint64(n)) : 0);
}

// rs_hash(value, salt): 32 random bits
void hashFunction(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    sqlite3_result_int64(ctx, qint64(seedOf(argv[0], argv[1]) & 0xffffffffULL));
}

// rs_hex(value, salt, length): that many random hex digits
void hexFunction(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    const int length = std::clamp(sqlite3_value_int(argv[2]), 0, 128);
    char out[129];
    quint64 x = seedOf(argv[0], argv[1]);
    for (int i = 0; i < length; ++i) {
        if (i % 16 == 0 && i > 0)
            x = splitmix(x);
        out[i] = "0123456789abcdef"[(x >> (4 * (i % 16))) & 0xf];
    }
    sqlite3_result_text(ctx, out, length, SQLITE_TRANSIENT);
}

// rs_iso(ms): "2026-06-04T09:14:22.000Z", the way providers write times
void isoFunction(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const qint64 ms = sqlite3_value_int64(argv[0]);
    const std::time_t seconds = std::time_t(ms / 1000);
    std::tm t{};
    gmtime_r(&seconds, &t);
    char out[32];
    const int n = std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900,
                                t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, int(ms % 1000));
    sqlite3_result_text(ctx, out, n, SQLITE_TRANSIENT);
}

bool registerFunctions(QSqlDatabase &db, QString *error)
{
    sqlite3 *handle = SqliteStatement::handleOf(db);
    if (!handle) {
        *error = QStringLiteral("not an SQLite connection");
        return false;
    }
    const struct
    {
        const char *name;
        int args;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } functions[] = {{"rs_pick", 3, pickFunction}, {"rs_hash", 2, hashFunction},
                     {"rs_hex", 3, hexFunction},   {"rs_iso", 1, isoFunction}};
    for (const auto &f : functions) {
        if (sqlite3_create_function_v2(handle, f.name, f.args, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, f.fn,
                                       nullptr, nullptr, nullptr) != SQLITE_OK) {
            *error = QStringLiteral("cannot register %1: %2").arg(QLatin1String(f.name),
                                                                  QString::fromUtf8(sqlite3_errmsg(handle)));
            return false;
        }
    }
    return true;
}

// ---- The mix of calls: a block of 200, permuted by c * 73 % 200 so kinds interleave.

struct CallKind
{
    bool answered;
    bool completed;
    const char *outcome;
    const char *cause; // stored lower-case, as the normaliser keeps it
    int code;
    int ringMinMs;
    int ringSpanMs;

    int events() const { return 1 + (answered ? 1 : 0) + (completed ? 1 : 0); }
};

constexpr int kKindBlock = 200;

CallKind kindOf(int r)
{
    if (r == kKindBlock - 1) // one in 200 never got its call.completed: flagged incomplete
        return {true, false, nullptr, nullptr, 0, 3000, 22000};
    const int m = r % 20;
    if (m < 15)
        return {true, true, "answered", "normal_clearing", 16, 3000, 22000};
    if (m < 17)
        return {false, true, "no_answer", "no_answer", 19, 20000, 25000};
    if (m == 17)
        return {false, true, "busy", "user_busy", 17, 1000, 3000};
    if (m == 18)
        return {false, true, "rejected", "call_rejected", 21, 2000, 6000};
    static const std::pair<const char *, int> failures[] = {
        {"normal_temporary_failure", 41}, {"no_route_destination", 3}, {"recovery_on_timer_expire", 102}};
    const auto &[cause, code] = failures[r % 3];
    return {false, true, "failed", cause, code, 300, 2500};
}

int eventsOfCall(qint64 c)
{
    return kindOf(int(c * 73 % kKindBlock)).events();
}

/** Puts SQL fragments in for {name} tokens (QString::arg would also eat printf's "%08x"). */
QString withFragments(QString sql, std::initializer_list<std::pair<const char *, QString>> fragments)
{
    for (const auto &[name, fragment] : fragments)
        sql.replace(QLatin1Char('{') + QLatin1String(name) + QLatin1Char('}'), fragment);
    return sql;
}

QString quoted(const char *text)
{
    return text ? QStringLiteral("'%1'").arg(QLatin1String(text)) : QStringLiteral("NULL");
}

/** The request headers a provider's webhook carries, as the receiver stores them (names lower-case). */
QString headersSql(const QString &payload, const QString &seed)
{
    return QStringLiteral(
               "'host: 127.0.0.1:8080' || char(10) || 'user-agent: UnlimCall-Webhooks/3.2' || char(10)"
               " || 'accept: */*' || char(10) || 'content-type: application/json' || char(10)"
               " || 'content-length: ' || length(%1) || char(10)"
               " || 'x-unlimcall-delivery: ' || rs_hex(%2, 17, 32) || char(10)"
               " || 'x-unlimcall-attempt: 1' || char(10)")
        .arg(payload, seed);
}

/** When attempt k of a delivery started: right after the event, then exponential backoff (the
 *  base depends on the kind of trouble, told apart by the attempt count), timeouts adding 10 s each. */
QString attemptStartSql(const QString &k)
{
    return QStringLiteral("(created_at + 20 + rs_pick(event_id, 62, 80)"
                          " + ((1 << (%1 - 1)) - 1) * CASE attempts WHEN 3 THEN 20000 WHEN 4 THEN 30000"
                          " WHEN 8 THEN 15000 ELSE 0 END"
                          " + (%1 - 1) * CASE WHEN error_class = 'timeout' THEN 10000 ELSE 0 END)")
        .arg(k);
}

QString attemptDurationSql(const QString &k)
{
    return QStringLiteral("(CASE WHEN error_class = 'timeout' THEN 10000"
                          " ELSE 35 + rs_pick(event_id * 8 + %1, 63, 240) END)")
        .arg(k);
}

/** The histogram series a value falls in, named as the engine's rollup names them. */
QString bucketSql(const char *histogram, const std::vector<double> &bounds, const QString &value,
                  double unitsPerSecond)
{
    QString sql = QStringLiteral("CASE");
    for (double bound : bounds) {
        sql += QStringLiteral(" WHEN %1 <= %2 THEN '%3'")
                   .arg(value, QString::number(bound * unitsPerSecond, 'f', 3),
                        MinuteRollup::bucketSeries(histogram, bound));
    }
    return sql + QStringLiteral(" ELSE '%1' END").arg(MinuteRollup::bucketSeries(histogram, INFINITY));
}

} // namespace

BenchStoreGenerator::BenchStoreGenerator(QString path, qint64 events, qint64 nowMs)
    : m_path(std::move(path)), m_events(events), m_nowMs(nowMs / 1000 * 1000)
{
}

BenchStoreGenerator::~BenchStoreGenerator()
{
    if (m_db.isValid())
        Database::close(m_db);
}

QString BenchStoreGenerator::fingerprint(qint64 events)
{
    return QStringLiteral("ringside-gui-bench store generator %1, schema %2, %3 events")
        .arg(kGeneratorVersion)
        .arg(Schema::currentVersion())
        .arg(events);
}

qint64 BenchStoreGenerator::countEvents(const QString &path, QString *error)
{
    QSqlDatabase db = Database::open(path, Database::Mode::ReadOnly, error);
    if (!db.isValid())
        return -1;
    qint64 n = -1;
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next())
            n = q.value(0).toLongLong();
        else
            *error = q.lastError().text();
    }
    Database::close(db);
    return n;
}

QString BenchStoreGenerator::expand(QString sql) const
{
    for (auto it = m_params.cbegin(); it != m_params.cend(); ++it)
        sql.replace(u'{' + it.key() + u'}', QString::number(it.value()));
    return sql;
}

bool BenchStoreGenerator::exec(const QString &sql, QString *error)
{
    const QString expanded = expand(sql);
    QSqlQuery q(m_db);
    if (!q.exec(expanded)) {
        *error = q.lastError().text() + QStringLiteral(" in: ") + expanded.left(300);
        return false;
    }
    return true;
}

qint64 BenchStoreGenerator::scalar(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(expand(sql)) || !q.next()) {
        *error = q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

bool BenchStoreGenerator::step(const QString &what, const std::function<bool(QString *)> &work, QString *error,
                               const std::function<void(const QString &)> &progress)
{
    QElapsedTimer t;
    t.start();
    if (!exec(QStringLiteral("BEGIN"), error) || !work(error)) {
        *error = what + QStringLiteral(": ") + *error;
        return false;
    }
    if (!exec(QStringLiteral("COMMIT"), error))
        return false;
    progress(QStringLiteral("%1 (%2 s)").arg(what).arg(double(t.elapsed()) / 1000.0, 0, 'f', 1));
    return true;
}

bool BenchStoreGenerator::run(QString *error, const std::function<void(const QString &)> &progress)
{
    if (QFileInfo::exists(m_path)) {
        *error = QStringLiteral("%1 exists already; generate writes a new file only").arg(m_path);
        return false;
    }
    if (m_events < 1000) {
        *error = QStringLiteral("at least 1000 events");
        return false;
    }
    m_db = Database::open(m_path, Database::Mode::ReadWrite, error);
    if (!m_db.isValid() || !Schema::migrate(m_db, error) || !registerFunctions(m_db, error))
        return false;
    // A scratch file filled in one go: no journal, no fsync; WAL again at the end, as the engine wants.
    for (const char *pragma : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144"}) {
        if (!exec(QLatin1String(pragma), error))
            return false;
    }
    // Indexes are built once after the bulk insert (a sort), not row by row; the schema's own SQL.
    QStringList indexes;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))) {
            *error = q.lastError().text();
            return false;
        }
        QStringList names;
        while (q.next()) {
            names << q.value(0).toString();
            indexes << q.value(1).toString();
        }
        q.finish();
        for (const QString &name : std::as_const(names)) {
            if (!exec(QStringLiteral("DROP INDEX %1").arg(name), error))
                return false;
        }
    }

    // Calls until the processable events fill all but ~0.05% (the unprocessable ones) of the total.
    const qint64 target = m_events - m_events / 2000;
    qint64 perBlock = 0;
    for (int r = 0; r < kKindBlock; ++r)
        perBlock += kindOf(r).events();
    qint64 calls = target / perBlock * kKindBlock;
    qint64 processable = target / perBlock * perBlock;
    while (processable + eventsOfCall(calls) <= target)
        processable += eventsOfCall(calls++);
    const qint64 start = m_nowMs - kSpanMs;
    // The newest call starts 6 minutes ago: its longest ring + talk ends before now.
    m_params = {{QStringLiteral("now"), m_nowMs},
                {QStringLiteral("start"), start},
                {QStringLiteral("span"), kSpanMs},
                {QStringLiteral("calls"), calls},
                {QStringLiteral("spacing"), std::max<qint64>(1, (kSpanMs - 360'000) / calls)},
                {QStringLiteral("unprocessable"), m_events - processable},
                {QStringLiteral("rejected"), kRejectedRequests},
                {QStringLiteral("retryFrom"), m_nowMs - 6 * 3600'000LL},
                {QStringLiteral("timeoutFrom"), m_nowMs - 4 * 86400'000LL},
                {QStringLiteral("timeoutTo"), m_nowMs - 4 * 86400'000LL + 12 * 60'000},
                {QStringLiteral("outageFrom"), m_nowMs - 2 * 86400'000LL - 5 * 3600'000LL},
                {QStringLiteral("outageTo"), m_nowMs - 2 * 86400'000LL - 5 * 3600'000LL + 25 * 60'000}};

    using Step = bool (BenchStoreGenerator::*)(QString *);
    const std::pair<QString, Step> steps[] = {
        {QStringLiteral("patterns"), &BenchStoreGenerator::createPatterns},
        {QStringLiteral("%1 calls").arg(calls), &BenchStoreGenerator::insertCalls},
        {QStringLiteral("%1 events").arg(m_events), &BenchStoreGenerator::insertEvents},
        {QStringLiteral("duplicate receipts"), &BenchStoreGenerator::insertReceipts},
        {QStringLiteral("deliveries"), &BenchStoreGenerator::insertDeliveries},
        {QStringLiteral("delivery attempts"), &BenchStoreGenerator::insertAttempts},
        {QStringLiteral("rejected requests"), &BenchStoreGenerator::insertRejected},
        {QStringLiteral("metric minutes"), &BenchStoreGenerator::insertMetrics},
    };
    for (const auto &[what, fn] : steps) {
        if (!step(what, [this, fn = fn](QString *e) { return (this->*fn)(e); }, error, progress))
            return false;
    }
    if (!step(QStringLiteral("%1 indexes").arg(indexes.size()), [&](QString *e) {
            for (const QString &sql : std::as_const(indexes)) {
                if (!exec(sql, e))
                    return false;
            }
            return true;
        }, error, progress))
        return false;
    QElapsedTimer t;
    t.start();
    if (!exec(QStringLiteral("ANALYZE"), error) || !exec(QStringLiteral("PRAGMA journal_mode=WAL"), error))
        return false;
    progress(QStringLiteral("ANALYZE (%1 s)").arg(double(t.elapsed()) / 1000.0, 0, 'f', 1));

    const std::pair<qint64 *, const char *> counted[] = {
        {&m_counts.events, "SELECT count(*) FROM events"},
        {&m_counts.unprocessable, "SELECT count(*) FROM events WHERE status = 'unprocessable'"},
        {&m_counts.calls, "SELECT count(*) FROM calls"},
        {&m_counts.receipts, "SELECT count(*) FROM event_receipts"},
        {&m_counts.deliveries, "SELECT count(*) FROM deliveries"},
        {&m_counts.attempts, "SELECT count(*) FROM delivery_attempts"},
        {&m_counts.metricRows, "SELECT count(*) FROM metric_minutes"},
        {&m_counts.rejected, "SELECT count(*) FROM rejected_requests"},
    };
    for (const auto &[into, sql] : counted) {
        if ((*into = scalar(QLatin1String(sql), error)) < 0)
            return false;
    }
    if (m_counts.events != m_events) {
        *error = QStringLiteral("generated %1 events instead of %2").arg(m_counts.events).arg(m_events);
        return false;
    }
    Database::close(m_db);
    return true;
}

bool BenchStoreGenerator::createPatterns(QString *error)
{
    if (!exec(QStringLiteral("CREATE TEMP TABLE kinds (r INTEGER PRIMARY KEY, answered INTEGER, completed INTEGER,"
                             " outcome TEXT, cause TEXT, code INTEGER, ring_min INTEGER, ring_span INTEGER)"),
              error)
        || !exec(QStringLiteral("CREATE TEMP TABLE slots (slot INTEGER PRIMARY KEY, name TEXT)"), error)
        || !exec(QStringLiteral("INSERT INTO slots VALUES (0, 'call.initiated'), (1, 'call.answered'),"
                                " (2, 'call.completed')"),
                 error))
        return false;
    QStringList rows;
    for (int r = 0; r < kKindBlock; ++r) {
        const CallKind k = kindOf(r);
        rows << QStringLiteral("(%1, %2, %3, %4, %5, %6, %7, %8)")
                    .arg(r)
                    .arg(int(k.answered))
                    .arg(int(k.completed))
                    .arg(quoted(k.outcome), quoted(k.cause), k.code ? QString::number(k.code) : QStringLiteral("NULL"))
                    .arg(k.ringMinMs)
                    .arg(k.ringSpanMs);
    }
    return exec(QStringLiteral("INSERT INTO kinds VALUES ") + rows.join(u','), error);
}

bool BenchStoreGenerator::insertCalls(QString *error)
{
    // Outbound calls from one of 40 company DIDs to ~120,000 customers (about three calls each),
    // 150 agent seats; 15% inbound. Calls start evenly over the week, newest last.
    return exec(QStringLiteral(R"(
WITH RECURSIVE n(c) AS (SELECT 0 UNION ALL SELECT c + 1 FROM n WHERE c + 1 < {calls}),
x AS (
  SELECT n.c AS c, k.answered AS answered, k.completed AS completed, k.outcome AS outcome, k.cause AS cause,
    k.code AS code,
    {start} + n.c * {spacing} + rs_pick(n.c, 1, {spacing}) AS t0,
    k.ring_min + rs_pick(n.c, 2, k.ring_span) AS ring,
    8000 + rs_pick(n.c, 3, 290000) AS talk,
    rs_pick(n.c, 7, 100) < 85 AS outbound,
    rs_pick(n.c, 8, 40) AS did,
    printf('+4915%09d', rs_pick(n.c, 9, 120000) * 7919 % 1000000000) AS customer,
    printf('seat_%06x', rs_pick(n.c, 10, 150) + 1) AS seat,
    printf('%08x-%04x-4%03x-%04x-%06x%06x', rs_hash(n.c, 11), rs_hash(n.c, 12) % 65536, rs_hash(n.c, 13) % 4096,
           32768 + rs_hash(n.c, 14) % 16384, rs_hash(n.c, 15) % 16777216, n.c) AS uuid
  FROM n JOIN kinds k ON k.r = n.c * 73 % 200),
y AS (
  SELECT x.*,
    CASE WHEN answered THEN t0 + ring END AS answered_at,
    CASE WHEN completed THEN t0 + ring + CASE WHEN answered THEN talk ELSE 0 END END AS ended_at
  FROM x)
INSERT INTO calls (call_uuid, provider, state, events_seen, completed, from_number, to_number, direction, seat_id,
                   did_id, recording_url, initiated_at, answered_at, ended_at, duration_seconds, hangup_cause,
                   hangup_cause_code, outcome, ring_ms, talk_ms, first_received_at, last_received_at)
SELECT uuid, 'unlimcall',
  CASE WHEN completed THEN 'call.completed' WHEN answered THEN 'call.answered' ELSE 'call.initiated' END,
  1 | CASE WHEN answered THEN 2 ELSE 0 END | CASE WHEN completed THEN 4 ELSE 0 END,
  completed,
  CASE WHEN outbound THEN printf('+4930%07d', 1234500 + did) ELSE customer END,
  CASE WHEN outbound THEN customer ELSE printf('+4930%07d', 1234500 + did) END,
  CASE WHEN outbound THEN 'outbound' ELSE 'inbound' END,
  CASE WHEN outbound OR answered THEN seat END,
  printf('did_de_%04d', did),
  CASE WHEN answered AND completed THEN 'https://rec.unlimcall.net/r/' || rs_hex(uuid, 16, 28) || '.opus' END,
  t0, answered_at, ended_at,
  CASE WHEN completed THEN CASE WHEN answered THEN talk / 1000 ELSE 0 END END,
  CASE WHEN completed THEN cause END,
  CASE WHEN completed THEN code END,
  CASE WHEN completed THEN outcome END,
  ring,
  CASE WHEN completed THEN CASE WHEN answered THEN talk ELSE 0 END END,
  t0 + 60 + rs_pick(c, 4, 400),
  CASE WHEN completed THEN ended_at + 60 + rs_pick(c, 6, 400) ELSE answered_at + 60 + rs_pick(uuid, 5, 400) END
FROM y)"), error);
}

bool BenchStoreGenerator::insertEvents(QString *error)
{
    // Each call's events as the provider posted them (what each kind of payload carries), in call
    // order; the answered event's receipt uses the same lag as the call record's.
    const QString processable = QStringLiteral(R"(
INSERT INTO events (dedup_key, status, error, received_at, event_time, content_type, headers, payload, event,
                    call_uuid, provider, provider_event_id, from_number, to_number, direction, initiated_at,
                    answered_at, ended_at, duration_seconds, hangup_cause, hangup_cause_code, seat_id, did_id,
                    recording_url)
SELECT 'unlimcall:' || call_uuid || ':' || name, 'accepted', NULL, received_at, event_time, 'application/json',
  {headers}, CAST(payload AS BLOB), name, call_uuid, 'unlimcall', NULL, from_number, to_number, direction, initiated_at,
  e_answered_at, e_ended_at, e_duration, e_cause, e_code, seat_id, did_id, e_recording
FROM (
  SELECT e.*,
    '{"event":"' || name || '","call_uuid":"' || call_uuid || '","from":"' || from_number || '","to":"' || to_number
    || '","direction":"' || direction || '","initiated_at":"' || rs_iso(initiated_at) || '"'
    || CASE WHEN e_answered_at IS NOT NULL THEN ',"answered_at":"' || rs_iso(e_answered_at) || '"' ELSE '' END
    || CASE WHEN slot = 2 THEN ',"ended_at":"' || rs_iso(e_ended_at) || '","duration_seconds":' || e_duration
         || ',"hangup_cause":"' || upper(e_cause) || '","hangup_cause_code":' || e_code ELSE '' END
    || ',"seat_id":' || CASE WHEN seat_id IS NULL THEN 'null' ELSE '"' || seat_id || '"' END
    || ',"did_id":"' || did_id || '"'
    || CASE WHEN e_recording IS NOT NULL THEN ',"recording_url":"' || e_recording || '"' ELSE '' END
    || ',"account_id":"acc_4f1c9e2b","trunk":"trunk-fra-02","sip_call_id":"' || rs_hex(call_uuid, 18, 24)
    || '@sip.unlimcall.net","sequence":' || (slot + 1) || ',"api_version":"2024-10-01"}' AS payload
  FROM (
    SELECT c.call_uuid, c.from_number, c.to_number, c.direction, c.initiated_at, c.seat_id, c.did_id, s.slot, s.name,
      CASE s.slot WHEN 0 THEN c.first_received_at
                  WHEN 1 THEN CASE WHEN c.completed THEN c.answered_at + 60 + rs_pick(c.call_uuid, 5, 400)
                                   ELSE c.last_received_at END
                  ELSE c.last_received_at END AS received_at,
      CASE s.slot WHEN 0 THEN c.initiated_at WHEN 1 THEN c.answered_at ELSE c.ended_at END AS event_time,
      CASE WHEN s.slot >= 1 THEN c.answered_at END AS e_answered_at,
      CASE WHEN s.slot = 2 THEN c.ended_at END AS e_ended_at,
      CASE WHEN s.slot = 2 THEN c.duration_seconds END AS e_duration,
      CASE WHEN s.slot = 2 THEN c.hangup_cause END AS e_cause,
      CASE WHEN s.slot = 2 THEN c.hangup_cause_code END AS e_code,
      CASE WHEN s.slot = 2 THEN c.recording_url END AS e_recording
    FROM calls c CROSS JOIN slots s
    WHERE s.slot = 0 OR (s.slot = 1 AND c.answered_at IS NOT NULL) OR (s.slot = 2 AND c.completed = 1)
  ) e
))");
    // A provider's new event type this normaliser does not know yet: stored raw, counted as failed.
    const QString unprocessable = QStringLiteral(R"(
WITH RECURSIVE n(u) AS (SELECT 0 UNION ALL SELECT u + 1 FROM n WHERE u + 1 < {unprocessable}),
p AS (
  SELECT u, {start} + u * ({span} / {unprocessable}) + rs_pick(u, 40, 60000) AS t,
    '{"event":"call.ringing","call_uuid":"'
    || printf('%08x-%04x-4%03x-%04x-%012x', rs_hash(u, 41), rs_hash(u, 42) % 65536, rs_hash(u, 43) % 4096,
              32768 + rs_hash(u, 44) % 16384, rs_hash(u, 45))
    || '","from":"+4930' || (1234500 + rs_pick(u, 46, 40)) || '","to":"'
    || printf('+4915%09d', rs_pick(u, 47, 120000) * 7919 % 1000000000) || '","direction":"outbound"'
    || ',"ringing_at":"' || rs_iso({start} + u * ({span} / {unprocessable})) || '","seat_id":"'
    || printf('seat_%06x', rs_pick(u, 48, 150) + 1) || '","account_id":"acc_4f1c9e2b","trunk":"trunk-fra-02"'
    || ',"api_version":"2024-10-01"}' AS payload
  FROM n)
INSERT INTO events (dedup_key, status, error, received_at, content_type, headers, payload, provider)
SELECT 'unlimcall:raw:' || rs_hex(payload, 49, 64), 'unprocessable',
  '"event" has unknown value "call.ringing" (expected call.initiated, call.answered or call.completed)',
  t, 'application/json', {headers}, CAST(payload AS BLOB), 'unlimcall'
FROM p)");
    return exec(withFragments(processable, {{"headers", headersSql(QStringLiteral("payload"), QStringLiteral("call_uuid || name"))}}), error)
        && exec(withFragments(unprocessable, {{"headers", headersSql(QStringLiteral("payload"), QStringLiteral("u"))}}), error);
}

bool BenchStoreGenerator::insertReceipts(QString *error)
{
    // 3% of events came again (the provider did not see our 200 in time), 0.3% a third time.
    return exec(QStringLiteral(R"(
INSERT INTO event_receipts (event_id, received_at)
SELECT id, min(received_at + 4000 + rs_pick(id, 50, 56000), {now} - 1000) FROM events
  WHERE status = 'accepted' AND rs_pick(id, 51, 1000) < 30
UNION ALL
SELECT id, min(received_at + 65000 + rs_pick(id, 52, 60000), {now} - 1000) FROM events
  WHERE status = 'accepted' AND rs_pick(id, 51, 1000) < 3)"), error);
}

bool BenchStoreGenerator::insertDeliveries(QString *error)
{
    const qint64 maxId = scalar(QStringLiteral("SELECT max(id) FROM events WHERE status = 'accepted'"), error);
    if (maxId < 0)
        return false;
    m_params.insert(QStringLiteral("pendingFrom"), maxId - kPendingDeliveries);
    // One delivery per event: the newest still queued, a few retrying, 0.3% dead on a 422, every
    // event of a 12-minute window four days ago dead after 8 timeouts, and a 25-minute 503 outage
    // two days ago that cost three retries each; the rest delivered at the first attempt.
    const QString sql = QStringLiteral(R"(
INSERT INTO deliveries (event_id, call_uuid, sink, state, attempts, created_at, budget_start_at, next_attempt_at,
                        last_attempt_at, delivered_at, last_status, last_error, error_class, idempotency_key)
SELECT event_id, call_uuid, 'crm', state, attempts, created_at, created_at,
  CASE state WHEN 'pending' THEN created_at WHEN 'retrying' THEN {now} + 30000 + rs_pick(event_id, 64, 600000)
             ELSE {started} END,
  CASE WHEN attempts > 0 THEN {started} END,
  CASE WHEN state = 'delivered' THEN {started} + {duration} END,
  status, err, error_class, 'crm:' || event_id
FROM (
  SELECT event_id, call_uuid, created_at,
    CASE cls WHEN 'pending' THEN 'pending' WHEN 'retrying' THEN 'retrying' WHEN 'dead_timeout' THEN 'dead'
             WHEN 'dead_4xx' THEN 'dead' ELSE 'delivered' END AS state,
    CASE cls WHEN 'pending' THEN 0 WHEN 'retrying' THEN 3 WHEN 'dead_timeout' THEN 8 WHEN 'outage' THEN 4
             ELSE 1 END AS attempts,
    CASE cls WHEN 'retrying' THEN 503 WHEN 'dead_4xx' THEN 422 WHEN 'outage' THEN 200 WHEN 'ok' THEN 200 END AS status,
    CASE cls WHEN 'retrying' THEN 'HTTP 503: upstream unavailable'
             WHEN 'dead_4xx' THEN 'HTTP 422: {"status":"error","message":"Property values were not valid: to_number"}'
             WHEN 'dead_timeout' THEN 'gave up after 8 attempts: timed out after 10 s' END AS err,
    CASE cls WHEN 'retrying' THEN 'http_5xx' WHEN 'dead_4xx' THEN 'http_4xx'
             WHEN 'dead_timeout' THEN 'timeout' END AS error_class
  FROM (
    SELECT id AS event_id, call_uuid, received_at AS created_at,
      CASE WHEN id > {pendingFrom} THEN 'pending'
           WHEN received_at >= {retryFrom} AND rs_pick(id, 60, 1000) < 5 THEN 'retrying'
           WHEN received_at BETWEEN {timeoutFrom} AND {timeoutTo} THEN 'dead_timeout'
           WHEN rs_pick(id, 61, 1000) < 3 THEN 'dead_4xx'
           WHEN received_at BETWEEN {outageFrom} AND {outageTo} THEN 'outage'
           ELSE 'ok' END AS cls
    FROM events WHERE status = 'accepted'
  )
))");
    return exec(withFragments(sql, {{"started", attemptStartSql(QStringLiteral("attempts"))},
                                    {"duration", attemptDurationSql(QStringLiteral("attempts"))}}),
                error);
}

bool BenchStoreGenerator::insertAttempts(QString *error)
{
    const QString sql = QStringLiteral(R"(
WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 8)
INSERT INTO delivery_attempts (delivery_id, started_at, duration_ms, http_status, error, response_excerpt, outcome)
SELECT id, {started}, {duration},
  CASE WHEN error_class = 'timeout' THEN NULL
       WHEN k.k < attempts OR state = 'retrying' THEN 503 ELSE last_status END,
  CASE WHEN error_class = 'timeout' THEN CASE WHEN k.k = attempts THEN last_error ELSE 'timed out after 10 s' END
       WHEN k.k < attempts OR state = 'retrying' THEN 'HTTP 503: upstream unavailable'
       ELSE last_error END,
  CAST(CASE WHEN error_class = 'timeout' THEN NULL
            WHEN k.k < attempts OR state = 'retrying' THEN 'upstream unavailable'
            WHEN state = 'delivered' THEN '{"id":"' || (9000000 + event_id) || '","result":"updated"}'
            ELSE '{"status":"error","message":"Property values were not valid: to_number"}' END AS BLOB),
  CASE WHEN k.k < attempts OR state = 'retrying' THEN 'retry' WHEN state = 'dead' THEN 'dead' ELSE 'delivered' END
FROM deliveries CROSS JOIN k
WHERE k.k <= attempts)");
    return exec(withFragments(sql, {{"started", attemptStartSql(QStringLiteral("k.k"))},
                                    {"duration", attemptDurationSql(QStringLiteral("k.k"))}}),
                error);
}

bool BenchStoreGenerator::insertRejected(QString *error)
{
    return exec(QStringLiteral(R"(
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {rejected})
INSERT INTO rejected_requests (received_at, status, reason, method, target, peer, headers, body_head)
SELECT {start} + i * ({span} / {rejected}) + rs_pick(i, 80, 600000), 404, 'not_found', 'GET',
  CASE rs_pick(i, 81, 4) WHEN 0 THEN '/wp-login.php' WHEN 1 THEN '/.env' WHEN 2 THEN '/'
                         ELSE '/webhooks/unlimcal' END,
  '203.0.113.' || (1 + rs_pick(i, 82, 250)),
  'host: 127.0.0.1:8080' || char(10) || 'user-agent: Mozilla/5.0 (compatible; scanner)' || char(10), X''
FROM n)"), error);
}

bool BenchStoreGenerator::insertMetrics(QString *error)
{
    // What the engine's minute rollup would have written for these rows (app/engine/engine.cpp
    // rollupNow, app/metrics/minute_rollup.cpp): counts per minute, latency histogram buckets.
    const QString ackUs = QStringLiteral("(900 + rs_pick(id, 70, 4000) + CASE WHEN rs_pick(id, 71, 100) < 2"
                                         " THEN 15000 ELSE 0 END)");
    const QString latencyMs = QStringLiteral("(delivered_at - created_at)");
    const QString statements[] = {
        QStringLiteral("INSERT INTO metric_minutes SELECT received_at / 60000 * 60000 AS m, 'accepted', count(*)"
                       " FROM events GROUP BY m"),
        QStringLiteral("INSERT INTO metric_minutes SELECT received_at / 60000 * 60000 AS m, 'unprocessable',"
                       " count(*) FROM events WHERE status = 'unprocessable' GROUP BY m"),
        QStringLiteral("INSERT INTO metric_minutes SELECT received_at / 60000 * 60000 AS m, 'deduped', count(*)"
                       " FROM event_receipts GROUP BY m"),
        QStringLiteral("INSERT INTO metric_minutes SELECT received_at / 60000 * 60000 AS m, 'rejected:' || reason,"
                       " count(*) FROM rejected_requests GROUP BY m, reason"),
        QStringLiteral("INSERT INTO metric_minutes SELECT minute, 'received', sum(value) FROM metric_minutes"
                       " WHERE series IN ('accepted', 'deduped') OR series LIKE 'rejected:%' GROUP BY minute"),
        QStringLiteral("INSERT INTO metric_minutes SELECT m, series, count(*) FROM ("
                       " SELECT received_at / 60000 * 60000 AS m, %1 AS series FROM events"
                       " UNION ALL SELECT received_at / 60000 * 60000, %2 FROM event_receipts) GROUP BY m, series")
            .arg(bucketSql("ack_latency", Histogram::latencyBounds(), ackUs, 1e6),
                 bucketSql("ack_latency", Histogram::latencyBounds(), ackUs, 1e6)),
        QStringLiteral("INSERT INTO metric_minutes SELECT m, 'ack_latency:sum_us', sum(us) FROM ("
                       " SELECT received_at / 60000 * 60000 AS m, %1 AS us FROM events"
                       " UNION ALL SELECT received_at / 60000 * 60000, %1 FROM event_receipts) GROUP BY m")
            .arg(ackUs),
        QStringLiteral("INSERT INTO metric_minutes SELECT delivered_at / 60000 * 60000 AS m, 'delivered', count(*)"
                       " FROM deliveries WHERE state = 'delivered' GROUP BY m"),
        QStringLiteral("INSERT INTO metric_minutes SELECT (started_at + duration_ms) / 60000 * 60000 AS m,"
                       " 'delivery_failed', count(*) FROM delivery_attempts WHERE outcome IN ('retry', 'dead')"
                       " GROUP BY m"),
        QStringLiteral("INSERT INTO metric_minutes SELECT last_attempt_at / 60000 * 60000 AS m, 'dead', count(*)"
                       " FROM deliveries WHERE state = 'dead' GROUP BY m"),
        QStringLiteral("INSERT INTO metric_minutes SELECT delivered_at / 60000 * 60000 AS m, %1 AS series,"
                       " count(*) FROM deliveries WHERE state = 'delivered' GROUP BY m, series")
            .arg(bucketSql("processing_latency", MetricsQuery::latencyBounds(), latencyMs, 1e3)),
        QStringLiteral("INSERT INTO metric_minutes SELECT delivered_at / 60000 * 60000 AS m,"
                       " 'processing_latency:sum_us', sum(%1) * 1000 FROM deliveries WHERE state = 'delivered'"
                       " GROUP BY m")
            .arg(latencyMs),
    };
    for (const QString &sql : statements) {
        if (!exec(sql, error))
            return false;
    }
    return true;
}

} // namespace ringside
