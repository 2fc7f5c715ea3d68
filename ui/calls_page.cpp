#include "ui/calls_page.h"

#include "models/calls_model.h"
#include "models/engine_host.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ringside {

CallsPage::CallsPage(QueryRunner &runner, EngineHost &host, QWidget *parent)
    : QWidget(parent), m_model(new CallsModel(runner, this)), m_search(new QLineEdit(this)),
      m_outcome(new QComboBox(this)), m_crm(new QComboBox(this)), m_table(new QTableView(this)),
      m_status(new QLabel(this)), m_splitter(new QSplitter(Qt::Vertical, this)), m_typing(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("callsSearch"));
    m_search->setPlaceholderText(tr("Search number, seat, DID or call id"));
    m_search->setClearButtonEnabled(true);
    m_outcome->setObjectName(QStringLiteral("callsOutcome"));
    m_outcome->addItem(tr("All outcomes"), QString());
    for (const QString &o : CallsQuery::outcomes())
        m_outcome->addItem(CallsModel::outcomeText(o), o);
    m_crm->setObjectName(QStringLiteral("callsCrm"));
    m_crm->addItem(tr("Any CRM status"), QString());
    for (const QString &s : CallsQuery::crmStatuses())
        m_crm->addItem(CallsModel::crmStatusText(s), s);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_outcome);
    filters->addWidget(m_crm);

    m_table->setObjectName(QStringLiteral("callsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Wide enough for typical values, measured in this font (not guessed in pixels).
    const QFontMetrics fm = m_table->fontMetrics();
    const std::pair<int, const char *> samples[] = {
        {CallsModel::Time, "2026-11-27 16:30:25"}, {CallsModel::From, "+12025550123"},
        {CallsModel::To, "+493012345678"},       {CallsModel::Seat, "seat_0481ab"},
        {CallsModel::Did, "did_de_1092"},         {CallsModel::Direction, "outbound"},
        {CallsModel::Outcome, "No answer"},       {CallsModel::Ring, "99 s"},
        {CallsModel::Talk, "12 min 59 s"},        {CallsModel::HangupCause, "normal_clearing (16, Normal..."}};
    for (const auto &[column, sample] : samples) {
        const QString header = m_model->headerData(column, Qt::Horizontal).toString();
        m_table->setColumnWidth(column, qMax(fm.horizontalAdvance(QLatin1String(sample)), fm.horizontalAdvance(header)) + 24);
    }
    m_status->setObjectName(QStringLiteral("callsStatus"));
    m_splitter->addWidget(m_table);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_status);

    // Search as the user types, but once they pause: a query per keystroke would queue up.
    m_typing->setSingleShot(true);
    m_typing->setInterval(250);
    connect(m_typing, &QTimer::timeout, this, &CallsPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &CallsPage::applyFilter);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &CallsPage::applyFilter);
    connect(m_crm, &QComboBox::currentIndexChanged, this, &CallsPage::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    Q_EMIT callSelected(current.data(CallsModel::CallUuidRole).toString());
            });
    connect(m_model, &CallsModel::loaded, this, [this](const QString &error) {
        m_status->setText(error.isEmpty() ? tr("%n call(s) shown", nullptr, m_model->rowCount())
                                          : tr("Could not read the calls: %1").arg(error));
    });
    connect(&host, &EngineHost::storeChanged, m_model, &CallsModel::refresh);
    applyFilter();
}

void CallsPage::search(const QString &text)
{
    m_search->setText(text);
    m_typing->stop();
    applyFilter();
}

void CallsPage::setDetailWidget(QWidget *detail)
{
    m_splitter->addWidget(detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
}

void CallsPage::applyFilter()
{
    const CallsFilter filter{m_search->text(), m_outcome->currentData().toString(), m_crm->currentData().toString()};
    if (filter == m_model->filter() && m_model->rowCount() > 0)
        return;
    m_model->setFilter(filter);
}

} // namespace ringside
