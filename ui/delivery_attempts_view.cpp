#include "ui/delivery_attempts_view.h"

#include "models/failures_attempts_model.h"
#include "models/failures_model.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace ringside {

DeliveryAttemptsView::DeliveryAttemptsView(QueryRunner &runner, QWidget *parent)
    : QWidget(parent), m_model(new FailuresAttemptsModel(runner, this)), m_title(new QLabel(this)),
      m_responseLabel(new QLabel(this)), m_table(new QTableView(this)), m_response(new QPlainTextEdit(this))
{
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_table->setObjectName(QStringLiteral("attemptsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // The short columns get room for their longest values; the error and the answer share the rest.
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    const QList<QPair<int, int>> widths{{FailuresAttemptsModel::Time, 145}, {FailuresAttemptsModel::Duration, 75},
                                        {FailuresAttemptsModel::HttpStatus, 50}, {FailuresAttemptsModel::Outcome, 150}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    header->setSectionResizeMode(FailuresAttemptsModel::Error, QHeaderView::Stretch);
    header->setSectionResizeMode(FailuresAttemptsModel::Response, QHeaderView::Stretch);

    m_response->setObjectName(QStringLiteral("attemptResponse"));
    m_response->setReadOnly(true);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_response->setMaximumBlockCount(400);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 3);
    layout->addWidget(m_responseLabel);
    layout->addWidget(m_response, 2);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeliveryAttemptsView::showResponse);
    // The newest attempt is what a person wants to read first.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        m_table->selectRow(m_model->rowCount() - 1);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeliveryAttemptsView::showResponse);
    retranslate();
    setDelivery(nullptr);
}

void DeliveryAttemptsView::setDelivery(const FailureRow *row)
{
    m_model->setDelivery(row ? row->id : 0);
    m_row = row ? std::optional(*row) : std::nullopt;
    retranslate();
    showResponse();
}

void DeliveryAttemptsView::refresh()
{
    m_model->refresh();
}

void DeliveryAttemptsView::showResponse()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_response->clear();
        return;
    }
    const AttemptRow &a = m_model->row(current.row());
    // The worker often quotes the CRM's answer in the error already: show it once.
    const QString response = FailuresAttemptsModel::responseText(a.responseExcerpt).trimmed();
    QString text = a.error;
    if (!response.isEmpty() && !a.error.contains(response))
        text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + response;
    m_response->setPlainText(text);
}

void DeliveryAttemptsView::retranslate()
{
    if (!m_row) {
        m_title->setText(tr("Select a delivery to see its attempts."));
    } else {
        const FailureRow &r = *m_row;
        m_title->setText(tr("Delivery %1 of %2 for call %3 to %4: %5 after %n attempt(s)", nullptr, r.attempts)
                             .arg(r.id)
                             .arg(r.event.isEmpty() ? tr("an event") : r.event, r.callUuid, r.sink,
                                  FailuresModel::stateText(r.state).toLower()));
    }
    m_responseLabel->setText(tr("Error and CRM response of the selected attempt:"));
}

void DeliveryAttemptsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace ringside
