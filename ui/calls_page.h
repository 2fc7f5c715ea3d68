#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

namespace ringside {

class CallsModel;
class EngineHost;
class QueryRunner;

/** Every call, newest first: search by number, seat, DID or call id, filter by outcome and CRM
 *  status; selecting a call shows its timeline below. */
class CallsPage : public QWidget
{
    Q_OBJECT
public:
    CallsPage(QueryRunner &runner, EngineHost &host, QWidget *parent = nullptr);

    CallsModel &model() { return *m_model; }
    /** Sets the search text as if typed and applies it at once (no typing delay). */
    void search(const QString &text);
    /** The widget under the table that shows the selected call (the timeline). */
    void setDetailWidget(QWidget *detail);

Q_SIGNALS:
    void callSelected(const QString &callUuid);

private:
    void applyFilter();

    CallsModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_outcome;
    QComboBox *m_crm;
    QTableView *m_table;
    QLabel *m_status;
    QSplitter *m_splitter;
    QTimer *m_typing;
};

} // namespace ringside
