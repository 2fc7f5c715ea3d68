#include "ui/main_window.h"

#include "models/engine_host.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>

namespace ringside {

MainWindow::MainWindow(EngineHost &host, QWidget *parent)
    : QMainWindow(parent), m_host(host), m_nav(new QListWidget), m_pages(new QStackedWidget),
      m_receiver(new QLabel), m_sinks(new QLabel), m_backlog(new QLabel),
      m_sendTestCalls(new QAction(tr("Send &test calls…"), this)), m_settings(new QAction(tr("&Settings…"), this))
{
    setWindowTitle(tr("Ringside"));
    m_nav->setObjectName(QStringLiteral("pageList"));
    m_nav->setIconSize(QSize(20, 20));
    m_nav->setSpacing(2);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 11);
    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_nav);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    QMenu *file = menuBar()->addMenu(tr("&Ringside"));
    m_sendTestCalls->setStatusTip(tr("Send simulated calls through the receiver to see the pipeline work"));
    file->addAction(m_sendTestCalls);
    m_settings->setShortcut(QKeySequence::Preferences);
    file->addAction(m_settings);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);

    m_receiver->setObjectName(QStringLiteral("receiverStatus"));
    m_sinks->setObjectName(QStringLiteral("sinkStatus"));
    m_backlog->setObjectName(QStringLiteral("backlogStatus"));
    statusBar()->addWidget(m_receiver, 1);
    statusBar()->addPermanentWidget(m_sinks);
    statusBar()->addPermanentWidget(m_backlog);
    connect(&host, &EngineHost::statsSampled, this, &MainWindow::showStats);
    connect(&host, &EngineHost::runningChanged, this, [this] { showStats(m_host.stats()); });
    connect(&host, &EngineHost::sinkStateChanged, this, [this] { showStats(m_host.stats()); });
    showStats(host.stats());
    resize(1280, 800);
}

void MainWindow::addPage(const QString &title, const QIcon &icon, QWidget *page)
{
    m_pages->addWidget(page);
    m_nav->addItem(new QListWidgetItem(icon, title));
    if (m_nav->count() == 1)
        m_nav->setCurrentRow(0);
}

void MainWindow::showPage(QWidget *page)
{
    const int i = m_pages->indexOf(page);
    if (i >= 0)
        m_nav->setCurrentRow(i);
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

QWidget *MainWindow::page(int i) const
{
    return m_pages->widget(i);
}

QString MainWindow::pageTitle(int i) const
{
    const QListWidgetItem *item = m_nav->item(i);
    return item ? item->text() : QString();
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

QString MainWindow::receiverText() const
{
    return m_receiver->text();
}

QString MainWindow::sinksText() const
{
    return m_sinks->text();
}

QString MainWindow::sinkStateText(const QString &state)
{
    if (state == QLatin1String("ok"))
        return tr("ok");
    if (state == QLatin1String("retrying"))
        return tr("retrying");
    if (state == QLatin1String("paused"))
        return tr("paused (check credentials, then Resume)");
    if (state == QLatin1String("circuit open"))
        return tr("circuit open (CRM failing, pausing briefly)");
    return state;
}

void MainWindow::showStats(const LiveStats &stats)
{
    if (!stats.receiverRunning)
        m_receiver->setText(tr("Receiver stopped"));
    else if (!stats.storeHealthy)
        m_receiver->setText(tr("Receiver at %1 — store NOT writable, answering 503").arg(m_host.webhookUrl()));
    else
        m_receiver->setText(tr("Receiving at %1").arg(m_host.webhookUrl()));
    QStringList sinks;
    for (auto it = stats.sinkStates.cbegin(); it != stats.sinkStates.cend(); ++it)
        sinks << tr("%1: %2").arg(it.key(), sinkStateText(it.value()));
    m_sinks->setText(sinks.isEmpty() ? tr("No CRM sink configured") : tr("CRM %1").arg(sinks.join(QStringLiteral(", "))));
    const qint64 backlog = stats.backlog.value(QStringLiteral("pending")) + stats.backlog.value(QStringLiteral("retrying"));
    m_backlog->setText(tr("Backlog %1").arg(backlog));
}

} // namespace ringside
