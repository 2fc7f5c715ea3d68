#pragma once

#include "models/failures_query.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace ringside {

class FailuresAttemptsModel;
class QueryRunner;

/** The Failures page's details pane: every attempt of one delivery (time, answer, error) and the
 *  CRM's response to the attempt selected, so a person can see why it failed before retrying. */
class DeliveryAttemptsView : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryAttemptsView(QueryRunner &runner, QWidget *parent = nullptr);

    /** Shows this delivery (nullptr: nothing selected). */
    void setDelivery(const FailureRow *row);
    /** Re-reads the attempts (new ones appear at the end). */
    void refresh();
    FailuresAttemptsModel *model() const { return m_model; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showResponse();

    FailuresAttemptsModel *m_model;
    QLabel *m_title;
    QLabel *m_responseLabel;
    QTableView *m_table;
    QPlainTextEdit *m_response;
    std::optional<FailureRow> m_row;
};

} // namespace ringside
