#pragma once

#include <QCommandLineParser>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <memory>

class QSystemTrayIcon;

namespace ringside {

class CallTimelinePanel;
class CallsPage;
class DashboardPage;
class EventsPage;
class FailuresPage;
class Clock;
class EngineHost;
class MainWindow;
class QueryRunner;
class TestCallSender;

/** Puts the desktop app together: the engine host, the query thread, the window and its pages,
 *  first-run setup, Settings (saved, then applied by restarting the engine) and "Send test calls".
 *  ringside's main() only parses the command line and hands it here. */
class DesktopApp : public QObject
{
    Q_OBJECT
public:
    /** `parser` has EngineCommandLine's options and has processed the arguments; its flags win over
     *  the settings file (which is --config, or the user's default file). */
    DesktopApp(const QCommandLineParser &parser, const Clock &clock, QObject *parent = nullptr);
    ~DesktopApp() override;

    /** Runs first-run setup if there is no settings file yet (unless `interactive` is false, as in
     *  tests), starts the engine and shows the window. False with *error if the engine cannot start
     *  and the user gave up fixing it. */
    bool start(bool interactive, QString *error);

    MainWindow &window() { return *m_window; }
    EngineHost &host() { return *m_host; }
    QueryRunner &runner() { return *m_runner; }
    DashboardPage &dashboardPage() { return *m_dashboard; }
    CallsPage &callsPage() { return *m_calls; }
    CallTimelinePanel &timelinePanel() { return *m_timeline; }
    FailuresPage &failuresPage() { return *m_failures; }
    EventsPage &eventsPage() { return *m_events; }
    QString settingsPath() const { return m_settingsPath; }
    /** Sends `calls` simulated calls through the receiver (the menu action asks how many). */
    void sendTestCalls(int calls);
    TestCallSender &testCallSender() { return *m_sender; }

private:
    bool startEngine(QString *error);
    /** Brings an older store up to this build's schema on a worker thread; the GUI thread keeps
     *  handling events meanwhile (with a progress dialog when interactive and slow). */
    bool upgradeStore(const QString &path, QString *error);
    void openSettings(const QString &intro);
    void buildPages();
    /** What the settings file says beyond the engine: alert thresholds. */
    void applyDesktopSettings();

    const QCommandLineParser &m_parser;
    const Clock &m_clock;
    QString m_settingsPath;
    std::unique_ptr<EngineHost> m_host;
    std::unique_ptr<QueryRunner> m_runner;
    std::unique_ptr<MainWindow> m_window;
    DashboardPage *m_dashboard = nullptr;
    CallsPage *m_calls = nullptr;
    CallTimelinePanel *m_timeline = nullptr;
    FailuresPage *m_failures = nullptr;
    EventsPage *m_events = nullptr;
    QSet<QString> m_alertKeys;
    TestCallSender *m_sender = nullptr;
    QPointer<QSystemTrayIcon> m_tray;
    bool m_interactive = false;
};

} // namespace ringside
