#include "gui_measurement.h"

#include "process_stats.h"
#include "stall_watchdog.h"

#include "core/clock.h"
#include "engine/engine_config.h"
#include "models/calls_model.h"
#include "models/engine_host.h"
#include "models/query_runner.h"
#include "store/database.h"
#include "ui/calls_page.h"
#include "ui/desktop_app.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <ctime>

namespace ringside {

namespace {

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

double msBetween(qint64 fromNs, qint64 toNs)
{
    return double(toNs - fromNs) / 1e6;
}

/** Notes when the window's next frame is done once armed: the first paint of any widget, counted on
 *  the next event-loop turn (behind that paint, the rest of the frame and the backing store's flush). */
class NextFrameProbe : public QObject
{
public:
    NextFrameProbe() { qApp->installEventFilter(this); }
    ~NextFrameProbe() override { qApp->removeEventFilter(this); }

    void arm() { m_armed = true; }
    qint64 frameNs = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (m_armed && event->type() == QEvent::Paint) {
            m_armed = false;
            QTimer::singleShot(0, this, [this] { frameNs = GuiMeasurement::realtimeNs(); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_armed = false;
};

} // namespace

GuiMeasurement::GuiMeasurement(Options options, QTextStream &out) : m_options(std::move(options)), m_out(out)
{
}

GuiMeasurement::~GuiMeasurement() = default;

qint64 GuiMeasurement::realtimeNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void GuiMeasurement::put(const QString &key, const QString &value)
{
    m_out << key << '=' << value << Qt::endl;
}

void GuiMeasurement::put(const QString &key, double value, int decimals)
{
    put(key, QString::number(value, 'f', decimals));
}

void GuiMeasurement::fail(const QString &what)
{
    m_failures << what;
    put(QStringLiteral("check_failed"), what);
}

bool GuiMeasurement::spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QElapsedTimer elapsed;
    elapsed.start();
    // A coarse poll: the times that matter are taken in the slots themselves, not here.
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || elapsed.elapsed() >= timeoutMs)
            loop.quit();
    });
    poll.start();
    loop.exec();
    return done();
}

int GuiMeasurement::run()
{
    put(QStringLiteral("qpa"), QGuiApplication::platformName());
    if (launch()) {
        measureSearches();
        reportMemory(QStringLiteral("after_searches"));
        visitPages();
        measureIdle();
        if (m_options.ingest) {
            measureIngest();
            reportMemory(QStringLiteral("after_ingest"));
        }
    }
    QElapsedTimer t;
    t.start();
    m_app.reset();
    put(QStringLiteral("shutdown_ms"), double(t.nsecsElapsed()) / 1e6);
    put(QStringLiteral("checks_failed"), QString::number(m_failures.size()));
    return m_failures.isEmpty() ? 0 : 1;
}

bool GuiMeasurement::launch()
{
    // Exactly what ringside's main() does after the QApplication: its flags, DesktopApp, start().
    m_settingsDir = std::make_unique<QTemporaryDir>();
    m_parser = std::make_unique<QCommandLineParser>();
    m_parser->addHelpOption();
    m_parser->addVersionOption();
    EngineCommandLine::addOptions(*m_parser);
    const QStringList args{QCoreApplication::applicationFilePath(),
                           QStringLiteral("--db"), m_options.database,
                           QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--config"), m_settingsDir->filePath(QStringLiteral("ringside.ini"))};
    if (!m_parser->parse(args)) {
        fail(QStringLiteral("the app's flags: ") + m_parser->errorText());
        return false;
    }
    m_app = std::make_unique<DesktopApp>(*m_parser, Clock::system());
    QString error;
    if (!m_app->start(false, &error)) {
        fail(QStringLiteral("the app did not start: ") + error);
        return false;
    }
    const qint64 shownNs = realtimeNs();

    // The Calls page's first page; every page's first query (the query thread idle for the first
    // time); the first frame; and the first frame after those queries, which shows their data.
    CallsModel &model = m_app->callsPage().model();
    QueryRunner &runner = m_app->runner();
    qint64 loadedNs = 0, allNs = 0;
    QString loadError;
    int rows = -1;
    NextFrameProbe firstFrame, dataFrame;
    firstFrame.arm();
    const QMetaObject::Connection c1 = QObject::connect(&model, &CallsModel::loaded, &model, [&](const QString &e) {
        if (loadedNs != 0)
            return;
        loadedNs = realtimeNs();
        loadError = e;
        rows = model.rowCount();
    });
    const QMetaObject::Connection c2 = QObject::connect(&runner, &QueryRunner::idle, &runner, [&] {
        if (allNs == 0) {
            allNs = realtimeNs();
            dataFrame.arm();
        }
    });
    if (runner.pending() == 0)
        allNs = shownNs;
    const bool loaded = spinUntil([&] { return loadedNs != 0 && allNs != 0; }, 120'000);
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    if (!loaded) {
        fail(QStringLiteral("the Calls page did not load in 120 s"));
        return false;
    }
    // No frame after the last answer means none was needed: the first frame came after it.
    spinUntil([&] { return firstFrame.frameNs != 0 && dataFrame.frameNs != 0; }, 2'000);
    const qint64 interactiveNs = dataFrame.frameNs ? dataFrame.frameNs
                                 : firstFrame.frameNs >= allNs ? firstFrame.frameNs : 0;

    const qint64 exec = m_options.execNs;
    put(QStringLiteral("launch_exec_to_main_ms"), msBetween(exec, m_options.mainNs));
    put(QStringLiteral("launch_exec_to_qapplication_ms"), msBetween(exec, m_options.appNs));
    put(QStringLiteral("launch_exec_to_shown_ms"), msBetween(exec, shownNs));
    put(QStringLiteral("launch_ms"), msBetween(exec, loadedNs));
    put(QStringLiteral("launch_all_queries_ms"), msBetween(exec, allNs));
    put(QStringLiteral("launch_first_frame_ms"), firstFrame.frameNs ? msBetween(exec, firstFrame.frameNs) : -1);
    put(QStringLiteral("launch_interactive_ms"), interactiveNs ? msBetween(exec, interactiveNs) : -1);
    put(QStringLiteral("launch_rows"), QString::number(rows));
    if (!loadError.isEmpty())
        fail(QStringLiteral("the Calls page's first load failed: ") + loadError);
    else if (rows <= 0)
        fail(QStringLiteral("the Calls page's first load showed no calls"));

    // What the engine's start queued (a refresh on storeChanged) settles before anything is timed.
    spinUntil([&] { return runner.pending() == 0; }, 60'000);
    spinUntil([] { return false; }, 500);
    spinUntil([&] { return runner.pending() == 0; }, 60'000);
    return loadError.isEmpty() && rows > 0;
}

QList<GuiMeasurement::SearchTerm> GuiMeasurement::searchTerms()
{
    QString error;
    QSqlDatabase db = Database::open(m_options.database, Database::Mode::ReadOnly, &error);
    if (!db.isValid()) {
        fail(QStringLiteral("cannot open the store for search terms: ") + error);
        return {};
    }
    QList<SearchTerm> terms;
    {
        QSqlQuery q(db);
        const auto first = [&](const QString &sql) -> QString {
            if (q.exec(sql) && q.next())
                return q.value(0).toString();
            fail(QStringLiteral("search term query failed: %1 (%2)").arg(q.lastError().text(), sql));
            return {};
        };
        put(QStringLiteral("store_calls"), first(QStringLiteral("SELECT count(*) FROM calls")));
        // A customer's number (a few calls each), the busiest seat, the start of a call id as people
        // paste it, and a text no call has (the whole table is scanned for nothing).
        terms = {
            {QStringLiteral("number"),
             first(QStringLiteral("SELECT to_number FROM calls WHERE direction = 'outbound'"
                                  " AND rowid >= (SELECT max(rowid) / 2 FROM calls) LIMIT 1"))},
            {QStringLiteral("seat"),
             first(QStringLiteral("SELECT seat_id FROM calls WHERE seat_id IS NOT NULL"
                                  " GROUP BY seat_id ORDER BY count(*) DESC LIMIT 1"))},
            {QStringLiteral("callid"),
             first(QStringLiteral("SELECT substr(call_uuid, 1, 13) FROM calls"
                                  " WHERE rowid >= (SELECT max(rowid) / 3 FROM calls) LIMIT 1"))},
            {QStringLiteral("nothing"), QStringLiteral("no-such-call-zz")},
        };
        for (SearchTerm &t : terms) {
            // The page's meaning of a match (ui: number, seat, DID anywhere; call id by its start).
            q.prepare(QStringLiteral("SELECT count(*) FROM calls WHERE instr(from_number, :t) > 0"
                                     " OR instr(to_number, :t) > 0 OR instr(seat_id, :t) > 0"
                                     " OR instr(did_id, :t) > 0 OR substr(call_uuid, 1, length(:t)) = :t"));
            q.bindValue(QStringLiteral(":t"), t.text);
            if (q.exec() && q.next())
                t.matches = q.value(0).toLongLong();
            else
                fail(QStringLiteral("counting matches of %1 failed: %2").arg(t.text, q.lastError().text()));
        }
    }
    Database::close(db);
    return terms;
}

qint64 GuiMeasurement::eventsInStore()
{
    QString error;
    QSqlDatabase db = Database::open(m_options.database, Database::Mode::ReadOnly, &error);
    qint64 n = -1;
    if (db.isValid()) {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next())
            n = q.value(0).toLongLong();
        else
            error = q.lastError().text();
    }
    Database::close(db);
    if (n < 0)
        fail(QStringLiteral("cannot count the stored events: ") + error);
    return n;
}

double GuiMeasurement::timedSearch(const QString &text, int *rows)
{
    CallsModel &model = m_app->callsPage().model();
    QueryRunner &runner = m_app->runner();
    spinUntil([&] { return runner.pending() == 0; }, 60'000);
    qint64 answeredNs = 0;
    QString error;
    QElapsedTimer t;
    const QMetaObject::Connection c = QObject::connect(&model, &CallsModel::loaded, &model, [&](const QString &e) {
        if (answeredNs == 0) {
            answeredNs = t.nsecsElapsed();
            error = e;
            *rows = model.rowCount();
        }
    });
    t.start();
    m_app->callsPage().search(text);
    const bool answered = spinUntil([&] { return answeredNs != 0; }, 60'000);
    QObject::disconnect(c);
    if (!answered) {
        fail(QStringLiteral("search \"%1\": no answer in 60 s").arg(text));
        return -1;
    }
    if (!error.isEmpty())
        fail(QStringLiteral("search \"%1\" failed: %2").arg(text, error));
    return double(answeredNs) / 1e6;
}

void GuiMeasurement::measureSearches()
{
    const QList<SearchTerm> terms = searchTerms();
    if (terms.isEmpty())
        return;
    QHash<QString, QList<double>> samples;
    QList<double> all;
    // Rounds go through every kind in turn: the page skips a search for the text it already shows.
    for (int round = 0; round < m_options.searchRounds; ++round) {
        for (const SearchTerm &term : terms) {
            int rows = -1;
            const double ms = timedSearch(term.text, &rows);
            if (ms < 0)
                continue;
            samples[term.kind] << ms;
            all << ms;
            const qint64 expected = std::min<qint64>(term.matches, CallsModel::kPageSize);
            if (rows != expected)
                fail(QStringLiteral("search \"%1\" showed %2 rows, the store has %3 matching calls (first page %4)")
                         .arg(term.text).arg(rows).arg(term.matches).arg(expected));
        }
    }
    for (const SearchTerm &term : terms) {
        const QString key = QStringLiteral("search_") + term.kind;
        put(key + QStringLiteral("_term"), term.text);
        put(key + QStringLiteral("_matches"), QString::number(term.matches));
        put(key + QStringLiteral("_ms"), median(samples.value(term.kind)));
        QStringList list;
        for (double ms : samples.value(term.kind))
            list << QString::number(ms, 'f', 1);
        put(key + QStringLiteral("_samples_ms"), list.join(u','));
    }
    put(QStringLiteral("search_median_ms"), median(all));
    put(QStringLiteral("search_max_ms"), all.isEmpty() ? -1 : *std::max_element(all.cbegin(), all.cend()));
}

QString GuiMeasurement::pageName(int i) const
{
    QWidget *page = m_app->window().page(i);
    return page ? QString::fromLatin1(page->metaObject()->className()).section(u':', -1) : QString();
}

void GuiMeasurement::visitPages()
{
    // Each page once, as a user looks around after the start: the stall run switches between them
    // and should not count a page's first show (layout, first queries) as ingest cost.
    MainWindow &window = m_app->window();
    QueryRunner &runner = m_app->runner();
    QStringList names;
    for (int i = 0; i < window.pageCount(); ++i) {
        window.showPage(window.page(i));
        spinUntil([] { return false; }, 200);
        spinUntil([&] { return runner.pending() == 0; }, 60'000);
        names << pageName(i);
    }
    window.showPage(window.page(0));
    spinUntil([&] { return runner.pending() == 0; }, 60'000);
    put(QStringLiteral("pages"), names.join(u','));
}

void GuiMeasurement::measureIdle()
{
    StallWatchdog watchdog;
    watchdog.start();
    spinUntil([] { return false; }, m_options.idleSeconds * 1000);
    watchdog.stop();
    put(QStringLiteral("stall_idle_seconds"), QString::number(m_options.idleSeconds));
    put(QStringLiteral("stall_idle_max_ms"), watchdog.maxStallMs());
    put(QStringLiteral("stall_idle_p99_ms"), watchdog.stallQuantileMs(0.99));
    put(QStringLiteral("stall_idle_max_runqueue_ms"), watchdog.maxStallRunqueueMs());
    put(QStringLiteral("stall_idle_own_max_ms"), watchdog.maxOwnStallMs());
}

void GuiMeasurement::measureIngest()
{
    // The page as a team lead leaves it: every call, newest first, new ones coming in at the top.
    int rows = -1;
    if (timedSearch(QString(), &rows) < 0)
        return;
    EngineHost &host = m_app->host();
    const qint64 storedBefore = eventsInStore();
    const LiveStats before = host.stats();
    const QString prefix = QString::number(QRandomGenerator::global()->bounded(0x10000000u, 0xffffffffu), 16);

    QProcess wrk;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RINGSIDE_RATE_PER_THREAD"),
               QString::number(double(m_options.rate) / m_options.threads, 'f', 3));
    env.insert(QStringLiteral("RINGSIDE_RUN_PREFIX"), prefix);
    wrk.setProcessEnvironment(env);
    wrk.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList args{QStringLiteral("-t%1").arg(m_options.threads),
                           QStringLiteral("-c%1").arg(m_options.connections),
                           QStringLiteral("-d%1s").arg(m_options.seconds),
                           QStringLiteral("--timeout"), QStringLiteral("10s"),
                           QStringLiteral("-s"), m_options.wrkScript,
                           QStringLiteral("http://127.0.0.1:%1/webhooks/unlimcall").arg(host.webhookPort())};

    StallWatchdog watchdog;
    qint64 cpuProcess = 0, cpuGui = 0;
    QElapsedTimer wall;
    bool finished = false;
    // The run is cut in equal slices, one per page on screen in turn (the page list's order), as a
    // team lead looks around while traffic comes in; each slice's longest stall is its page's.
    MainWindow &window = m_app->window();
    const int pages = std::max(1, window.pageCount());
    QHash<QString, double> pageMax;
    int shown = 0;
    QTimer switcher;
    switcher.setInterval(std::max(1, m_options.seconds * 1000 / pages));
    const auto endSlice = [&] {
        const QString name = pageName(shown % pages);
        pageMax[name] = std::max(pageMax.value(name), watchdog.takeSliceMaxMs());
    };
    QObject::connect(&switcher, &QTimer::timeout, &switcher, [&] {
        endSlice();
        if (++shown < pages)
            window.showPage(window.page(shown));
        else
            switcher.stop();
    });
    window.showPage(window.page(0));
    // The fork happens in start(), on this thread: the watchdog starts once wrk runs.
    QObject::connect(&wrk, &QProcess::started, &wrk, [&] {
        cpuProcess = ProcessStats::processCpuMs();
        cpuGui = ProcessStats::threadCpuMs();
        wall.start();
        watchdog.start();
        switcher.start();
    });
    QObject::connect(&wrk, &QProcess::finished, &wrk, [&] { finished = true; });
    QObject::connect(&wrk, &QProcess::errorOccurred, &wrk, [&](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finished = true;
    });
    wrk.start(m_options.wrk, args);
    if (!spinUntil([&] { return finished; }, (m_options.seconds + 60) * 1000)) {
        wrk.kill();
        wrk.waitForFinished(5000);
        fail(QStringLiteral("wrk did not finish in %1 s").arg(m_options.seconds + 60));
        return;
    }
    // A second more: the last coalesced refresh of the page lands after the last request.
    spinUntil([] { return false; }, 1000);
    switcher.stop();
    endSlice();
    watchdog.stop();
    const double wallMs = double(wall.nsecsElapsed()) / 1e6;
    cpuProcess = ProcessStats::processCpuMs() - cpuProcess;
    cpuGui = ProcessStats::threadCpuMs() - cpuGui;

    const QString output = QString::fromUtf8(wrk.readAll());
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^WRK_RESULT (.*)$"),
                                                         QRegularExpression::MultilineOption).match(output);
    if (wrk.exitStatus() != QProcess::NormalExit || wrk.exitCode() != 0 || !m.hasMatch()) {
        fail(QStringLiteral("wrk failed (exit %1): %2").arg(wrk.exitCode()).arg(output.simplified().left(400)));
        return;
    }
    QHash<QString, qint64> result;
    for (const QString &pair : m.captured(1).split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq > 0)
            result.insert(pair.left(eq), qint64(pair.mid(eq + 1).toDouble()));
    }
    const LiveStats after = host.stats();
    const qint64 storedAfter = eventsInStore();
    const qint64 ok2xx = result.value(QStringLiteral("requests")) - result.value(QStringLiteral("non2xx"));
    const qint64 accepted = qint64(after.pipeline.accepted - before.pipeline.accepted);
    const qint64 durationUs = std::max<qint64>(1, result.value(QStringLiteral("duration_us")));

    put(QStringLiteral("ingest_target_per_s"), QString::number(m_options.rate));
    put(QStringLiteral("ingest_wrk"), QStringLiteral("-t%1 -c%2 -d%3s").arg(m_options.threads)
                                          .arg(m_options.connections).arg(m_options.seconds));
    put(QStringLiteral("ingest_2xx"), QString::number(ok2xx));
    put(QStringLiteral("ingest_non2xx"), QString::number(result.value(QStringLiteral("non2xx"))));
    put(QStringLiteral("ingest_socket_errors"), QString::number(result.value(QStringLiteral("socket_errors"))));
    put(QStringLiteral("ingest_achieved_per_s"), double(ok2xx) / (double(durationUs) / 1e6));
    put(QStringLiteral("ingest_ack_p99_ms"), double(result.value(QStringLiteral("p99_us"))) / 1000.0, 2);
    put(QStringLiteral("ingest_events_stored"), QString::number(accepted));
    put(QStringLiteral("ingest_deduped"), QString::number(after.pipeline.deduped - before.pipeline.deduped));
    put(QStringLiteral("ingest_store_events_added"), QString::number(storedAfter - storedBefore));
    put(QStringLiteral("stall_seconds"), wallMs / 1000.0);
    put(QStringLiteral("stall_max_ms"), watchdog.maxStallMs());
    put(QStringLiteral("stall_max_at_s"), watchdog.maxStallAtSeconds());
    put(QStringLiteral("stall_max_gui_cpu_ms"), watchdog.maxStallCpuMs());
    put(QStringLiteral("stall_max_runqueue_ms"), watchdog.maxStallRunqueueMs());
    put(QStringLiteral("stall_gui_runqueue_ms"), watchdog.runqueueMs(), 0);
    put(QStringLiteral("stall_own_max_ms"), watchdog.maxOwnStallMs());
    put(QStringLiteral("stall_p99_ms"), watchdog.stallQuantileMs(0.99));
    put(QStringLiteral("stall_p999_ms"), watchdog.stallQuantileMs(0.999));
    put(QStringLiteral("stall_over_16ms"), QString::number(watchdog.stallsOver(16)));
    put(QStringLiteral("stall_over_50ms"), QString::number(watchdog.stallsOver(50)));
    put(QStringLiteral("stall_ticks"), QString::number(watchdog.ticks()));
    QStringList perPage;
    for (int i = 0; i < pages; ++i)
        perPage << QStringLiteral("%1 %2").arg(pageName(i)).arg(pageMax.value(pageName(i)), 0, 'f', 1);
    put(QStringLiteral("stall_max_by_page_ms"), perPage.join(QStringLiteral(", ")));
    put(QStringLiteral("stall_gui_thread_cpu_pct"), 100.0 * double(cpuGui) / wallMs);
    put(QStringLiteral("stall_process_cpu_pct"), 100.0 * double(cpuProcess) / wallMs);

    // 200 means on disk, and the page follows: both are what the numbers above stand on.
    if (accepted < ok2xx)
        fail(QStringLiteral("wrk got %1 2xx answers but the engine counted %2 accepted events").arg(ok2xx).arg(accepted));
    if (storedBefore >= 0 && storedAfter - storedBefore != accepted)
        fail(QStringLiteral("the store gained %1 events, the engine accepted %2")
                 .arg(storedAfter - storedBefore).arg(accepted));
    CallsModel &model = m_app->callsPage().model();
    if (accepted > 0 && !spinUntil([&] {
            return model.rowCount() > 0 && model.row(0).callUuid.startsWith(prefix);
        }, 10'000))
        fail(QStringLiteral("the Calls page did not show the ingested calls at the top within 10 s"));
}

void GuiMeasurement::reportMemory(const QString &when)
{
    const ProcessStats::Memory m = ProcessStats::memory();
    put(QStringLiteral("rss_%1_mb").arg(when), double(m.rssKb) / 1024.0);
    put(QStringLiteral("hwm_%1_mb").arg(when), double(m.hwmKb) / 1024.0);
}

} // namespace ringside
