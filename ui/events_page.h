#pragma once

#include "engine/event_reprocessor.h"
#include "models/events_query.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace ringside {

class EngineHost;
class EventsModel;
class QueryRunner;

/** The Events page: the raw log of everything that reached the receiver, rejected and unprocessable
 *  requests with why, and one row's headers and pretty-printed body, ready to copy as a curl command. */
class EventsPage : public QWidget
{
    Q_OBJECT
public:
    EventsPage(QueryRunner &runner, EngineHost &host, QWidget *parent = nullptr);

    EventsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /** The shown row's replay command (empty when nothing is shown). */
    QString curlCommand() const;

Q_SIGNALS:
    /** The selected row's detail is on screen (tests wait on it). */
    void detailShown();
    /** A Reprocess click came back; the status line says the same in words. */
    void reprocessed(const ReprocessResult &result);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyFilter();
    void requestDetail();
    void showDetail(const EventLogRow &row, const EventLogDetail &detail, const QString &error);
    void copyCurl();
    void reprocess();
    static QString reprocessText(const ReprocessResult &result);
    void updateTitle();

    EngineHost &m_host;
    EventsModel *m_model;
    QComboBox *m_kind;
    QLabel *m_hint;
    QTableView *m_table;
    QLabel *m_title;
    QLabel *m_headersLabel;
    QLabel *m_bodyLabel;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QPushButton *m_copyCurl;
    QPushButton *m_reprocess;
    QLabel *m_status;
    std::optional<EventLogRow> m_row;
    EventLogDetail m_detail;
    bool m_reprocessing = false;
};

} // namespace ringside
