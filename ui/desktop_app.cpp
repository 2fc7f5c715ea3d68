#include "ui/desktop_app.h"

#include "core/clock.h"
#include "engine/engine_config.h"
#include "models/alert_rules.h"
#include "models/desktop_settings.h"
#include "models/engine_host.h"
#include "models/query_runner.h"
#include "models/test_call_sender.h"
#include "store/schema.h"
#include "ui/app_icon.h"
#include "ui/call_timeline_panel.h"
#include "ui/calls_page.h"
#include "ui/dashboard_page.h"
#include "ui/events_page.h"
#include "ui/failures_page.h"
#include "ui/main_window.h"
#include "ui/settings_dialog.h"
#include "ui/translations.h"

#include <QAction>
#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QtConcurrent/QtConcurrentRun>

namespace ringside {

DesktopApp::DesktopApp(const QCommandLineParser &parser, const Clock &clock, QObject *parent)
    : QObject(parent), m_parser(parser), m_clock(clock),
      m_settingsPath(parser.isSet(QStringLiteral("config")) ? parser.value(QStringLiteral("config"))
                                                            : DesktopSettings::defaultPath()),
      m_host(std::make_unique<EngineHost>(clock))
{
}

DesktopApp::~DesktopApp()
{
    // Pages hold models that hold the runner; the window goes first, then the query thread.
    m_window.reset();
    m_runner.reset();
    m_host->stop();
}

bool DesktopApp::startEngine(QString *error)
{
    // The settings file is the app's own: a first start writes the defaults (what a cancelled
    // first-run dialog leaves too), so --config may name a file that does not exist yet.
    if (!QFileInfo::exists(m_settingsPath) && !DesktopSettings{}.save(m_settingsPath, error))
        return false;
    EngineConfig config;
    if (!EngineCommandLine::load(m_parser, &config, error, m_settingsPath))
        return false;
    for (const QString &warning : std::as_const(config.warnings))
        qWarning("ringside: %s", qPrintable(warning));
    if (!upgradeStore(config.databasePath, error))
        return false;
    return m_host->start(config, error);
}

bool DesktopApp::upgradeStore(const QString &path, QString *error)
{
    // Checked first, so that an everyday start (or a restart from Settings) never spins an event loop here.
    if (!Schema::isOlder(path))
        return true;
    QFutureWatcher<QString> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<QString>::finished, &loop, &QEventLoop::quit);
    std::unique_ptr<QProgressDialog> progress;
    if (m_interactive) {
        // Application-modal: nothing else can be clicked meanwhile. Shown only if it takes a while.
        progress = std::make_unique<QProgressDialog>(tr("Upgrading the database for this version of Ringside "
                                                        "(once, after an update)…"),
                                                     QString(), 0, 0, m_window.get());
        progress->setWindowTitle(tr("Ringside"));
        progress->setWindowModality(Qt::ApplicationModal);
        progress->setMinimumDuration(500);
        progress->setValue(0); // starts the 500 ms clock (QProgressDialog otherwise waits 4 s)
    }
    watcher.setFuture(QtConcurrent::run([path] {
        QString failed;
        return Schema::migrateFile(path, &failed) ? QString() : failed;
    }));
    if (!watcher.isFinished())
        loop.exec();
    const QString failed = watcher.result();
    if (failed.isEmpty())
        return true;
    *error = failed;
    return false;
}

bool DesktopApp::start(bool interactive, QString *error)
{
    m_interactive = interactive;
    // Before the first widget: tr() runs in constructors.
    installTranslations(DesktopSettings::load(m_settingsPath).language);
    if (interactive && !QFileInfo::exists(m_settingsPath)) {
        // First run: the defaults work as they are (loopback, no auth, no CRM yet); one OK saves them.
        SettingsDialog dialog(DesktopSettings{});
        dialog.setIntro(tr("Welcome to Ringside. These defaults receive webhooks on this machine only; "
                           "add a CRM sink now or later under Settings. Press OK to start."));
        if (dialog.exec() == QDialog::Accepted) {
            QString saveError;
            if (!dialog.settings().save(m_settingsPath, &saveError))
                QMessageBox::warning(nullptr, tr("Ringside"), saveError);
        }
    }
    while (!startEngine(error)) {
        if (!interactive)
            return false;
        // Most start failures are a busy port or a bad setting: let the user fix it here.
        const auto choice = QMessageBox::critical(nullptr, tr("Ringside cannot start"),
                                                  tr("The engine did not start: %1").arg(*error),
                                                  QMessageBox::Open | QMessageBox::Abort, QMessageBox::Open);
        if (choice != QMessageBox::Open)
            return false;
        SettingsDialog dialog(DesktopSettings::load(m_settingsPath));
        if (dialog.exec() != QDialog::Accepted)
            return false;
        if (!dialog.settings().save(m_settingsPath, error))
            return false;
    }
    m_runner = std::make_unique<QueryRunner>(m_host->config().databasePath);
    m_window = std::make_unique<MainWindow>(*m_host);
    m_sender = new TestCallSender(this);
    buildPages();
    connect(m_window->settingsAction(), &QAction::triggered, this, [this] { openSettings({}); });
    connect(m_window->sendTestCallsAction(), &QAction::triggered, this, [this] {
        bool ok = false;
        const int calls = QInputDialog::getInt(m_window.get(), tr("Send test calls"),
                                               tr("Simulated calls to send through %1:").arg(m_host->webhookUrl()),
                                               20, 1, 5000, 10, &ok);
        if (ok)
            sendTestCalls(calls);
    });
    connect(m_sender, &TestCallSender::progress, this, [this](int done, int total) {
        m_window->statusBar()->showMessage(tr("Sending test calls: %1 of %2 requests").arg(done).arg(total));
    });
    connect(m_sender, &TestCallSender::finished, this, [this](int ok, int failed, const QString &firstError) {
        m_window->statusBar()->showMessage(
            failed == 0 ? tr("Test calls sent: %1 requests accepted").arg(ok)
                        : tr("Test calls: %1 accepted, %2 refused (%3)").arg(ok).arg(failed).arg(firstError),
            15'000);
    });
    const QIcon icon = AppIcon::icon();
    QApplication::setWindowIcon(icon); // the window's, the task switcher's
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(icon, this);
        m_tray->setToolTip(tr("Ringside"));
        m_tray->show();
    }
    m_window->show();
    return true;
}

void DesktopApp::buildPages()
{
    QStyle *style = qApp->style();
    m_dashboard = new DashboardPage(*m_runner, *m_host);
    m_dashboard->setClock(m_clock);
    m_calls = new CallsPage(*m_runner, *m_host);
    m_timeline = new CallTimelinePanel(*m_runner, *m_host);
    m_calls->setDetailWidget(m_timeline);
    connect(m_calls, &CallsPage::callSelected, m_timeline, &CallTimelinePanel::showCall);
    m_failures = new FailuresPage(*m_runner, *m_host);
    m_events = new EventsPage(*m_runner, *m_host);
    m_window->addPage(tr("Dashboard"), style->standardIcon(QStyle::SP_ComputerIcon), m_dashboard);
    m_window->addPage(tr("Calls"), style->standardIcon(QStyle::SP_FileDialogDetailedView), m_calls);
    m_window->addPage(tr("Failures"), style->standardIcon(QStyle::SP_MessageBoxWarning), m_failures);
    m_window->addPage(tr("Events"), style->standardIcon(QStyle::SP_FileDialogContentsView), m_events);
    applyDesktopSettings();
    // New alerts become tray notifications, once each: a standing alert does not nag.
    connect(m_dashboard, &DashboardPage::alertsChanged, this, [this](const QList<Alert> &alerts) {
        QStringList fresh;
        QSet<QString> keys;
        for (const Alert &a : alerts) {
            keys.insert(a.key);
            if (!m_alertKeys.contains(a.key))
                fresh << a.text;
        }
        m_alertKeys = keys;
        if (m_tray && !fresh.isEmpty())
            m_tray->showMessage(tr("Ringside"), fresh.join(QLatin1Char('\n')), QSystemTrayIcon::Warning);
    });
}

void DesktopApp::applyDesktopSettings()
{
    const DesktopSettings s = DesktopSettings::load(m_settingsPath);
    AlertThresholds t;
    t.failureSpikePercent = s.failureSpikePercent;
    t.dedupSpikePercent = s.dedupSpikePercent;
    t.backlogGrowthMin = s.backlogAlert;
    t.incompleteCalls = s.incompleteCallsAlert;
    m_dashboard->setAlertThresholds(t);
}

void DesktopApp::openSettings(const QString &intro)
{
    SettingsDialog dialog(DesktopSettings::load(m_settingsPath), m_window.get());
    dialog.setIntro(intro);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!dialog.settings().save(m_settingsPath, &error)) {
        QMessageBox::warning(m_window.get(), tr("Settings not saved"), error);
        return;
    }
    // Applied by restarting the engine on the same database; the query thread keeps its connection.
    if (!startEngine(&error)) {
        QMessageBox::critical(m_window.get(), tr("Engine stopped"),
                              tr("The new settings could not be applied: %1").arg(error));
        return;
    }
    applyDesktopSettings();
    m_window->statusBar()->showMessage(tr("Settings applied"), 5000);
}

void DesktopApp::sendTestCalls(int calls)
{
    if (m_sender->isBusy() || !m_host->isRunning())
        return;
    m_sender->send(QUrl(m_host->webhookUrl()), m_host->config().auth, calls,
                   quint32(m_clock.nowMs()), m_clock.nowMs());
}

} // namespace ringside
