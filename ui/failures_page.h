#pragma once

#include <QMap>
#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace ringside {

class DeliveryAttemptsView;
class EngineHost;
class FailuresBatch;
class FailuresModel;
class QueryRunner;

/** The Failures page: dead and retrying CRM deliveries with the CRM's error, and what a person does
 *  about them: Retry one, a selection or everything matching the filter, Discard with a reason, and
 *  Resume a sink the CRM paused by refusing its credentials. */
class FailuresPage : public QWidget
{
    Q_OBJECT
public:
    FailuresPage(QueryRunner &runner, EngineHost &host, QWidget *parent = nullptr);

    FailuresModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    /** Retries the selected deliveries (the Retry button). */
    void retrySelected();
    /** Retries everything that matches the filter, loaded or not. */
    void retryAllMatching();
    /** Asks for a reason, then discards the selected deliveries. */
    void discardSelected();
    /** Resumes one paused sink (the Resume button when exactly one is paused). */
    void resumeSink(const QString &sink);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildFilterBar();
    void retranslate();
    void applyFilter();
    void updateActions();
    void updateCount();
    void showSelected();
    void setSinkState(const QString &sink, const QString &state);
    void updatePausedBanner();
    void reloadSinks();
    QList<qint64> selectedIds() const;
    void run(FailuresBatch *batch, const QString &title);

    QueryRunner &m_runner;
    EngineHost &m_host;
    FailuresModel *m_model;
    QComboBox *m_state;
    QComboBox *m_sink;
    QComboBox *m_errorClass;
    QLineEdit *m_search;
    QLabel *m_count;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_resume;
    QPushButton *m_retry;
    QPushButton *m_retryAll;
    QPushButton *m_discard;
    QLabel *m_status;
    QTableView *m_table;
    DeliveryAttemptsView *m_details;
    QTimer *m_searchDelay;
    QMap<QString, QString> m_sinkStates;
    bool m_busy = false; // a batch is running: one at a time
};

} // namespace ringside
