#include "ui/failures_page.h"

#include "models/engine_host.h"
#include "models/failures_batch.h"
#include "models/failures_model.h"
#include "ui/delivery_attempts_view.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <climits>

namespace ringside {

namespace {
constexpr int kSearchDelayMs = 250; // type a word, not a query per key
}

FailuresPage::FailuresPage(QueryRunner &runner, EngineHost &host, QWidget *parent)
    : QWidget(parent), m_runner(runner), m_host(host), m_model(new FailuresModel(runner, this)),
      m_state(new QComboBox(this)), m_sink(new QComboBox(this)), m_errorClass(new QComboBox(this)),
      m_search(new QLineEdit(this)), m_count(new QLabel(this)), m_banner(new QFrame(this)),
      m_bannerText(new QLabel(m_banner)), m_resume(new QPushButton(m_banner)), m_retry(new QPushButton(this)),
      m_retryAll(new QPushButton(this)), m_discard(new QPushButton(this)), m_status(new QLabel(this)),
      m_table(new QTableView(this)), m_details(new DeliveryAttemptsView(runner, this)), m_searchDelay(new QTimer(this))
{
    m_state->setObjectName(QStringLiteral("stateFilter"));
    m_sink->setObjectName(QStringLiteral("sinkFilter"));
    m_errorClass->setObjectName(QStringLiteral("errorClassFilter"));
    m_search->setObjectName(QStringLiteral("search"));
    m_retry->setObjectName(QStringLiteral("retrySelected"));
    m_retryAll->setObjectName(QStringLiteral("retryAll"));
    m_discard->setObjectName(QStringLiteral("discard"));
    m_resume->setObjectName(QStringLiteral("resumeSink"));
    m_banner->setObjectName(QStringLiteral("pausedBanner"));
    m_status->setObjectName(QStringLiteral("status"));
    m_table->setObjectName(QStringLiteral("failuresTable"));

    buildFilterBar();

    // A paused sink stops every write to its CRM: say so above everything else, with the fix at hand.
    m_banner->setStyleSheet(QStringLiteral("QFrame#pausedBanner { background: #fff4ce; border: 1px solid #e3c567;"
                                           " border-radius: 4px; } QFrame#pausedBanner QLabel { color: #4a3b00; }"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(10, 8, 10, 8);
    bannerLayout->setSpacing(12);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_resume);
    m_banner->hide();

    auto *actions = new QHBoxLayout;
    actions->setSpacing(8);
    actions->addWidget(m_retry);
    actions->addWidget(m_retryAll);
    actions->addWidget(m_discard);
    actions->addSpacing(12);
    actions->addWidget(m_status, 1);
    m_status->setTextFormat(Qt::PlainText);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    const QList<QPair<int, int>> widths{{FailuresModel::Id, 70},       {FailuresModel::Call, 190},
                                        {FailuresModel::Event, 115},   {FailuresModel::Sink, 90},
                                        {FailuresModel::State, 75},    {FailuresModel::Attempts, 70},
                                        {FailuresModel::HttpStatus, 50}, {FailuresModel::ErrorClass, 115},
                                        {FailuresModel::LastAttempt, 145}, {FailuresModel::NextAttempt, 145}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    header->setSectionResizeMode(FailuresModel::Error, QHeaderView::Stretch);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(8);
    filters->addWidget(m_state);
    filters->addWidget(m_sink);
    filters->addWidget(m_errorClass);
    filters->addWidget(m_search, 1);
    filters->addSpacing(12);
    filters->addWidget(m_count);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);
    layout->addLayout(filters);
    layout->addWidget(m_banner);
    layout->addLayout(actions);
    layout->addWidget(splitter, 1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &FailuresPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    for (QComboBox *combo : {m_state, m_sink, m_errorClass})
        connect(combo, &QComboBox::currentIndexChanged, this, &FailuresPage::applyFilter);

    connect(m_retry, &QPushButton::clicked, this, &FailuresPage::retrySelected);
    connect(m_retryAll, &QPushButton::clicked, this, &FailuresPage::retryAllMatching);
    connect(m_discard, &QPushButton::clicked, this, &FailuresPage::discardSelected);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (m_resume->menu())
            return; // several paused sinks: the menu picks one
        for (auto it = m_sinkStates.cbegin(); it != m_sinkStates.cend(); ++it) {
            if (it.value() == QLatin1String("paused"))
                resumeSink(it.key());
        }
    });

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FailuresPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FailuresPage::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FailuresPage::showSelected);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &FailuresPage::showSelected);
    connect(m_model, &FailuresModel::matchingCountChanged, this, &FailuresPage::updateCount);
    connect(m_model, &FailuresModel::loaded, this, [this](const QString &error) {
        if (!error.isEmpty())
            m_status->setText(tr("Cannot read the deliveries: %1").arg(error));
    });

    connect(&m_host, &EngineHost::storeChanged, this, [this] {
        m_model->refresh();
        m_details->refresh();
    });
    connect(&m_host, &EngineHost::sinkStateChanged, this, &FailuresPage::setSinkState);
    connect(&m_host, &EngineHost::runningChanged, this, [this] {
        reloadSinks();
        updateActions();
    });

    reloadSinks();
    retranslate();
    applyFilter();
}

void FailuresPage::buildFilterBar()
{
    m_state->addItem(QString(), int(FailuresFilter::State::Both));
    m_state->addItem(QString(), int(FailuresFilter::State::Dead));
    m_state->addItem(QString(), int(FailuresFilter::State::Retrying));
    m_sink->addItem(QString(), QString());
    m_errorClass->addItem(QString(), QString());
    for (const QString &c : FailuresQuery::errorClasses())
        m_errorClass->addItem(QString(), c);
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);
}

void FailuresPage::retranslate()
{
    m_state->setItemText(0, tr("Dead and retrying"));
    m_state->setItemText(1, tr("Dead only"));
    m_state->setItemText(2, tr("Retrying only"));
    m_sink->setItemText(0, tr("All sinks"));
    m_errorClass->setItemText(0, tr("Any error"));
    for (int i = 1; i < m_errorClass->count(); ++i)
        m_errorClass->setItemText(i, FailuresModel::errorClassText(m_errorClass->itemData(i).toString()));
    m_search->setPlaceholderText(tr("Search the CRM's error or a call id"));
    m_retry->setText(tr("Retry selected"));
    m_retry->setToolTip(tr("Send the selected deliveries to the CRM again now, with a fresh retry budget"));
    m_retryAll->setText(tr("Retry all matching"));
    m_retryAll->setToolTip(tr("Retry every delivery that matches the filter, including rows not loaded yet"));
    m_discard->setText(tr("Discard…"));
    m_discard->setToolTip(tr("Give up on the selected deliveries without sending them; you give a reason"));
    m_resume->setText(tr("Resume sink"));
    updatePausedBanner();
    updateCount();
}

void FailuresPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FailuresPage::reloadSinks()
{
    QStringList names;
    for (const SinkConfig &s : m_host.config().sinks)
        names << s.name;
    const QString current = m_sink->currentData().toString();
    {
        const QSignalBlocker block(m_sink);
        while (m_sink->count() > 1)
            m_sink->removeItem(1);
        for (const QString &n : std::as_const(names))
            m_sink->addItem(n, n);
        m_sink->setCurrentIndex(qMax(0, m_sink->findData(current)));
    }
    m_sinkStates = m_host.stats().sinkStates;
    m_sink->setVisible(names.size() > 1 || !current.isEmpty()); // one sink: nothing to choose
    updatePausedBanner();
}

void FailuresPage::applyFilter()
{
    FailuresFilter f;
    f.state = FailuresFilter::State(m_state->currentData().toInt());
    f.sink = m_sink->currentData().toString();
    f.errorClass = m_errorClass->currentData().toString();
    f.text = m_search->text().trimmed();
    if (f == m_model->filter() && m_model->matchingCount() >= 0)
        return;
    m_model->setFilter(f);
    updateActions();
}

void FailuresPage::updateCount()
{
    const qint64 n = m_model->matchingCount();
    if (n < 0)
        m_count->clear();
    else if (n == 0)
        m_count->setText(tr("No failed deliveries match"));
    else
        m_count->setText(tr("%n delivery(ies) match", nullptr, int(qMin<qint64>(n, INT_MAX))));
    updateActions();
}

void FailuresPage::updateActions()
{
    const bool ready = m_host.isRunning() && !m_busy;
    const bool selected = m_table->selectionModel()->hasSelection();
    m_retry->setEnabled(ready && selected);
    m_discard->setEnabled(ready && selected);
    m_retryAll->setEnabled(ready && m_model->matchingCount() > 0);
}

void FailuresPage::showSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    m_details->setDelivery(current.isValid() ? &m_model->row(current.row()) : nullptr);
}

void FailuresPage::setSinkState(const QString &sink, const QString &state)
{
    m_sinkStates.insert(sink, state);
    updatePausedBanner();
}

void FailuresPage::updatePausedBanner()
{
    QStringList paused;
    for (auto it = m_sinkStates.cbegin(); it != m_sinkStates.cend(); ++it) {
        if (it.value() == QLatin1String("paused"))
            paused << it.key();
    }
    m_banner->setVisible(!paused.isEmpty());
    m_resume->setEnabled(!paused.isEmpty());
    if (paused.isEmpty())
        return;
    m_bannerText->setText(
        tr("Paused: %1. The CRM refused the credentials (HTTP 401/403), so nothing is sent to it until"
           " you fix them in Settings and resume. Waiting deliveries keep their place in the queue.")
            .arg(paused.join(QStringLiteral(", "))));
    m_resume->setToolTip(tr("Resume sending to %1").arg(paused.join(QStringLiteral(", "))));
    if (paused.size() == 1) {
        delete m_resume->menu();
        m_resume->setMenu(nullptr);
        return;
    }
    auto *menu = m_resume->menu() ? m_resume->menu() : new QMenu(m_resume);
    menu->clear();
    for (const QString &sink : std::as_const(paused))
        menu->addAction(sink, this, [this, sink] { resumeSink(sink); });
    m_resume->setMenu(menu);
}

void FailuresPage::resumeSink(const QString &sink)
{
    m_host.resumeSink(sink);
    m_status->setText(tr("Resumed %1: its waiting deliveries are being sent.").arg(sink));
}

QList<qint64> FailuresPage::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &i : rows)
        ids << m_model->row(i.row()).id;
    return ids;
}

void FailuresPage::retrySelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || m_busy)
        return;
    run(new FailuresBatch(m_runner, m_host, FailuresBatch::Action::Retry, ids, {}, this),
        tr("Retrying %n delivery(ies)…", nullptr, int(ids.size())));
}

void FailuresPage::retryAllMatching()
{
    if (m_busy)
        return;
    run(new FailuresBatch(m_runner, m_host, m_model->filter(), this), tr("Retrying every matching delivery…"));
}

void FailuresPage::discardSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || m_busy)
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Discard deliveries"),
        tr("%n delivery(ies) will not be sent to the CRM. Why? (kept with them)", nullptr, int(ids.size())),
        QLineEdit::Normal, QString(), &ok).trimmed();
    if (!ok)
        return;
    if (reason.isEmpty()) {
        m_status->setText(tr("Nothing discarded: a discard needs a reason."));
        return;
    }
    run(new FailuresBatch(m_runner, m_host, FailuresBatch::Action::Discard, ids, reason, this),
        tr("Discarding %n delivery(ies)…", nullptr, int(ids.size())));
}

void FailuresPage::run(FailuresBatch *batch, const QString &title)
{
    m_busy = true;
    updateActions();
    m_status->setText(title);
    // Only a batch that takes a while shows the dialog (minimumDuration); it can stop between chunks.
    auto *dialog = new QProgressDialog(title, tr("Stop"), 0, 0, this);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    connect(dialog, &QProgressDialog::canceled, batch, &FailuresBatch::cancel);
    connect(batch, &FailuresBatch::progress, dialog, [dialog](qint64 done, qint64 total) {
        if (total > 0 && total <= INT_MAX) {
            dialog->setMaximum(int(total));
            dialog->setValue(int(qMin(done, total)));
            dialog->setLabelText(tr("%1 of %2 deliveries done…").arg(done).arg(total));
        }
    });
    const bool discard = batch->action() == FailuresBatch::Action::Discard;
    connect(batch, &FailuresBatch::finished, this, [this, dialog, discard](int count, const QString &error, bool cancelled) {
        dialog->hide();
        dialog->deleteLater();
        m_busy = false;
        QString text;
        if (!error.isEmpty())
            text = discard ? tr("The discard failed: %1").arg(error) : tr("The retry failed: %1").arg(error);
        else if (discard)
            text = tr("Discarded %n delivery(ies).", nullptr, count);
        else if (count == 0)
            text = tr("Nothing to retry: those deliveries are no longer dead or retrying.");
        else
            text = tr("Retried %n delivery(ies): they are queued for the CRM again.", nullptr, count);
        if (cancelled)
            text += QLatin1Char(' ') + tr("Stopped before the end.");
        m_status->setText(text);
        m_model->refresh();
        m_details->refresh();
        updateActions();
    });
    batch->start();
}

} // namespace ringside
