#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace ringside {

class EngineHost;
struct LiveStats;

/** The window: a page list on the left, the page on the right, and a status bar that always says
 *  whether the receiver is up, how each CRM sink is doing and how long the backlog is. */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(EngineHost &host, QWidget *parent = nullptr);

    /** Adds a page; the first one added is shown first. */
    void addPage(const QString &title, const QIcon &icon, QWidget *page);
    /** Shows the page that was added as `page`. */
    void showPage(QWidget *page);
    int pageCount() const;
    QWidget *page(int i) const;
    QString pageTitle(int i) const;
    QWidget *currentPage() const;

    /** The status bar's texts (tests read them). */
    QString receiverText() const;
    QString sinksText() const;

    QAction *sendTestCallsAction() const { return m_sendTestCalls; }
    /** A sink state ("ok", "retrying", "paused", "circuit open") in words for the status bar. */
    static QString sinkStateText(const QString &state);
    QAction *settingsAction() const { return m_settings; }

private:
    void showStats(const LiveStats &stats);

    EngineHost &m_host;
    QListWidget *m_nav;
    QStackedWidget *m_pages;
    QLabel *m_receiver;
    QLabel *m_sinks;
    QLabel *m_backlog;
    QAction *m_sendTestCalls;
    QAction *m_settings;
};

} // namespace ringside
