#include "ui/events_page.h"

#include "models/curl_command.h"
#include "models/engine_host.h"
#include "models/events_model.h"
#include "models/events_payload.h"
#include "models/failures_model.h"

#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ringside {

namespace {

using Kind = EventLogRow::Kind;

QPlainTextEdit *codeView(QWidget *parent, const QString &name)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

QWidget *titled(QLabel *label, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

EventsPage::EventsPage(QueryRunner &runner, EngineHost &host, QWidget *parent)
    : QWidget(parent), m_host(host), m_model(new EventsModel(runner, this)), m_kind(new QComboBox(this)),
      m_hint(new QLabel(this)), m_table(new QTableView(this)), m_title(new QLabel(this)),
      m_headersLabel(new QLabel(this)), m_bodyLabel(new QLabel(this)), m_headers(codeView(this, QStringLiteral("headers"))),
      m_body(codeView(this, QStringLiteral("body"))), m_copyCurl(new QPushButton(this)),
      m_reprocess(new QPushButton(this)), m_status(new QLabel(this))
{
    m_kind->setObjectName(QStringLiteral("kindFilter"));
    m_table->setObjectName(QStringLiteral("eventsTable"));
    m_copyCurl->setObjectName(QStringLiteral("copyCurl"));
    m_reprocess->setObjectName(QStringLiteral("reprocess"));
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_status->setObjectName(QStringLiteral("status"));

    const EventsFilter::Kinds all(0xF);
    for (EventsFilter::Kinds k : {all, EventsFilter::Kinds(Kind::Unprocessable) | Kind::Rejected,
                                  EventsFilter::Kinds(Kind::Accepted), EventsFilter::Kinds(Kind::Duplicate),
                                  EventsFilter::Kinds(Kind::Unprocessable), EventsFilter::Kinds(Kind::Rejected)})
        m_kind->addItem(QString(), int(k.toInt()));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    const QList<QPair<int, int>> widths{{EventsModel::Time, 145}, {EventsModel::Kind, 110}, {EventsModel::Answer, 60},
                                        {EventsModel::Event, 115}, {EventsModel::Call, 190}, {EventsModel::Provider, 90}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    header->setStretchLastSection(true);

    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextFormat(Qt::PlainText);

    auto *code = new QSplitter(Qt::Horizontal, this);
    code->addWidget(titled(m_headersLabel, m_headers, code));
    code->addWidget(titled(m_bodyLabel, m_body, code));
    code->setStretchFactor(0, 2);
    code->setStretchFactor(1, 3);
    code->setChildrenCollapsible(false);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_copyCurl);
    buttons->addWidget(m_reprocess);
    buttons->addSpacing(12);
    buttons->addWidget(m_status, 1);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 6, 0, 0);
    detailLayout->setSpacing(8);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(code, 1);
    detailLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(12);
    filters->addWidget(m_kind);
    filters->addWidget(m_hint, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &EventsPage::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_status->clear(); // what an action said was about the row the user has left
        requestDetail();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventsPage::requestDetail);
    connect(m_model, &EventsModel::detailLoaded, this, &EventsPage::showDetail);
    connect(m_model, &EventsModel::loaded, this, [this](const QString &error) {
        if (!error.isEmpty())
            m_status->setText(tr("Cannot read the event log: %1").arg(error));
    });
    connect(m_copyCurl, &QPushButton::clicked, this, &EventsPage::copyCurl);
    connect(m_reprocess, &QPushButton::clicked, this, &EventsPage::reprocess);
    connect(&m_host, &EngineHost::storeChanged, m_model, &EventsModel::refresh);

    retranslate();
    applyFilter();
    requestDetail();
}

void EventsPage::retranslate()
{
    const QStringList kinds{tr("Everything"), tr("Problems only"), tr("Accepted"), tr("Duplicates"),
                            tr("Unprocessable"), tr("Rejected")};
    for (int i = 0; i < kinds.size(); ++i)
        m_kind->setItemText(i, kinds.at(i));
    m_hint->setText(tr("Every request that reached a webhook route. Rejected and unprocessable ones are kept"
                       " with the reason, so you can see what the provider sent and why it was not used."));
    m_headersLabel->setText(tr("Headers (credentials redacted)"));
    m_copyCurl->setText(tr("Copy as curl"));
    m_copyCurl->setToolTip(tr("Copy a command that sends this request to the receiver again by hand"));
    m_reprocess->setText(tr("Reprocess"));
    m_reprocess->setToolTip(tr("Run this stored payload through the provider mapping again (after a Ringside"
                               " update fixed it). If it is understood now it becomes a call event and goes"
                               " to the CRM; if not, it stays here unchanged."));
    updateTitle();
}

void EventsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EventsPage::applyFilter()
{
    EventsFilter f;
    f.kinds = EventsFilter::Kinds::fromInt(m_kind->currentData().toInt());
    m_model->setFilter(f);
}

void EventsPage::requestDetail()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_row.reset();
        m_detail = {};
        m_headers->clear();
        m_body->clear();
        m_status->clear();
        updateTitle();
        return;
    }
    m_model->requestDetail(current.row());
}

void EventsPage::showDetail(const EventLogRow &row, const EventLogDetail &detail, const QString &error)
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !(m_model->row(current.row()) == row))
        return; // an answer for a row the user has already left
    m_row = row;
    m_detail = detail;
    m_headers->setPlainText(detail.headers.trimmed());
    m_body->setPlainText(detail.bodyExpired ? QString() : EventsPayload::pretty(detail.body, detail.bodyTruncated));
    if (!error.isEmpty())
        m_status->setText(tr("Cannot load this row: %1").arg(error));
    updateTitle();
    Q_EMIT detailShown();
}

void EventsPage::reprocess()
{
    if (!m_row || m_row->kind != Kind::Unprocessable)
        return;
    const qint64 id = m_row->eventId;
    m_reprocessing = true;
    updateTitle();
    m_status->setText(tr("Reprocessing…"));
    QPointer<EventsPage> self(this);
    m_host.reprocessEvent(id, [self](const ReprocessResult &result) {
        if (!self)
            return;
        self->m_reprocessing = false;
        self->m_status->setText(reprocessText(result));
        self->updateTitle();
        Q_EMIT self->reprocessed(result);
    });
}

QString EventsPage::reprocessText(const ReprocessResult &result)
{
    using Outcome = ReprocessResult::Outcome;
    switch (result.outcome) {
    case Outcome::Accepted:
        return tr("Reprocessed: it is a call event now (event %1) and is on its way to the CRM.").arg(result.eventId);
    case Outcome::Duplicate:
        return tr("Reprocessed: the same call event was already stored (event %1); this one is kept as its"
                  " duplicate.").arg(result.eventId);
    case Outcome::StillUnprocessable:
        return tr("Still unprocessable, nothing changed: %1").arg(result.message);
    case Outcome::NotFound:
        return tr("Nothing to reprocess: this event was reprocessed already.");
    case Outcome::Failed:
        break;
    }
    return tr("Could not reprocess, nothing changed: %1").arg(result.message);
}

void EventsPage::updateTitle()
{
    m_copyCurl->setEnabled(m_row && !m_detail.bodyExpired);
    m_reprocess->setEnabled(m_row && m_row->kind == Kind::Unprocessable && !m_detail.bodyExpired && !m_reprocessing);
    if (!m_row) {
        m_title->setText(tr("Select a row to see its headers and body."));
        m_bodyLabel->setText(tr("Body"));
        return;
    }
    const EventLogRow &r = *m_row;
    QStringList parts{EventsModel::kindText(r.kind), FailuresModel::timeText(r.receivedAt),
                      tr("answered %1").arg(r.httpStatus)};
    if (!r.event.isEmpty())
        parts << tr("%1 of call %2").arg(r.event, r.callUuid);
    if (const QString why = EventsModel::whyText(r); !why.isEmpty())
        parts << why;
    QString title = parts.join(QStringLiteral(" · "));
    if (!m_detail.dedupKey.isEmpty())
        title += QLatin1Char('\n') + tr("Dedup key %1, received %n time(s)", nullptr, m_detail.receipts).arg(m_detail.dedupKey);
    m_title->setText(title);

    QString body = m_detail.contentType.isEmpty() ? tr("Body") : tr("Body (%1)").arg(m_detail.contentType);
    if (m_detail.bodyExpired)
        body += QStringLiteral(" — ") + tr("removed by payload retention");
    else if (m_detail.bodyTruncated)
        body += QStringLiteral(" — ") + tr("first KiB only");
    m_bodyLabel->setText(body);
}

QString EventsPage::curlCommand() const
{
    if (!m_row)
        return {};
    const EventLogRow &r = *m_row;
    CurlReplay replay;
    replay.url = m_host.webhookUrl();
    replay.contentType = m_detail.contentType;
    replay.body = m_detail.body;
    replay.authScheme = m_host.config().auth.scheme;
    replay.bodyTruncated = m_detail.bodyTruncated;
    replay.description = r.kind == Kind::Rejected
        ? tr("rejected request %1 (%2)").arg(r.id).arg(r.reason)
        : tr("event %1 (%2, call %3)").arg(r.eventId).arg(r.event.isEmpty() ? EventsModel::kindText(r.kind) : r.event,
                                           r.callUuid.isEmpty() ? tr("unknown") : r.callUuid);
    return CurlCommand::build(replay);
}

void EventsPage::copyCurl()
{
    const QString command = curlCommand();
    if (command.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(command);
    m_status->setText(tr("Copied a curl command; fill in the credentials before you run it."));
}

} // namespace ringside
