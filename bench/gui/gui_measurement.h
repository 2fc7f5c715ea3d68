#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class QCommandLineParser;
class QTemporaryDir;
class QTextStream;

namespace ringside {

class DesktopApp;

/** The desktop app's benchmark run, in-process and started the way `ringside` starts: time from
 *  exec to the Calls page's first answer, searches on the Calls page, resident memory, and the
 *  longest GUI-thread stall while wrk posts events to the app's receiver. Prints key=value lines. */
class GuiMeasurement
{
public:
    struct Options
    {
        QString database;
        qint64 execNs = 0; // CLOCK_REALTIME at exec (from the script), else at main()
        qint64 mainNs = 0; // CLOCK_REALTIME at main()
        qint64 appNs = 0;  // after the QApplication was made
        int searchRounds = 3;
        bool ingest = true;
        QString wrk = QStringLiteral("wrk");
        QString wrkScript;
        int rate = 2000; // events/s in total
        int seconds = 20;
        int threads = 2;
        int connections = 20;
        int idleSeconds = 5; // watchdog on the idle app first: the machine's own stalls
    };

    GuiMeasurement(Options options, QTextStream &out);
    ~GuiMeasurement();

    /** 0, or 1 when a correctness check failed (missed targets are the script's to judge). */
    int run();

    /** CLOCK_REALTIME in ns: comparable with the script's exec time. */
    static qint64 realtimeNs();

private:
    struct SearchTerm
    {
        QString kind;
        QString text;
        qint64 matches = 0;
    };

    bool launch();
    void measureSearches();
    void visitPages();
    void measureIdle();
    void measureIngest();
    void reportMemory(const QString &when);
    QList<SearchTerm> searchTerms();
    qint64 eventsInStore();
    /** The class name of the window's i-th page, without namespace ("CallsPage"). */
    QString pageName(int i) const;
    /** Runs the event loop until done() holds; false after timeoutMs. */
    static bool spinUntil(const std::function<bool()> &done, int timeoutMs);
    /** Calls search(text) on the Calls page and waits for the answer: ms, or -1 (and a failure). */
    double timedSearch(const QString &text, int *rows);

    void put(const QString &key, const QString &value);
    void put(const QString &key, double value, int decimals = 1);
    void fail(const QString &what);

    Options m_options;
    QTextStream &m_out;
    std::unique_ptr<QTemporaryDir> m_settingsDir;
    std::unique_ptr<QCommandLineParser> m_parser; // DesktopApp keeps a reference
    std::unique_ptr<DesktopApp> m_app;
    QStringList m_failures;
};

} // namespace ringside
