#include "models/calls_model.h"

#include "models/query_runner.h"
#include "providers/q850.h"
#include "store/store_reader.h"

#include <QDateTime>
#include <QHash>

namespace ringside {

CallsModel::CallsModel(QueryRunner &runner, QObject *parent) : QAbstractTableModel(parent), m_runner(runner)
{
}

int CallsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CallsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CallsModel::outcomeText(const QString &outcome)
{
    if (outcome == QLatin1String("answered"))
        return tr("Answered");
    if (outcome == QLatin1String("no_answer"))
        return tr("No answer");
    if (outcome == QLatin1String("busy"))
        return tr("Busy");
    if (outcome == QLatin1String("rejected"))
        return tr("Rejected");
    if (outcome == QLatin1String("failed"))
        return tr("Failed");
    if (outcome.isEmpty() || outcome == QLatin1String("incomplete"))
        return tr("In progress / incomplete");
    return outcome;
}

QString CallsModel::crmStatusText(const QString &status)
{
    if (status == QLatin1String("delivered"))
        return tr("In CRM");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("retrying"))
        return tr("Retrying");
    if (status == QLatin1String("pending"))
        return tr("Queued");
    if (status == QLatin1String("none"))
        return tr("No sink");
    return status;
}

QString CallsModel::durationText(const std::optional<qint64> &ms)
{
    if (!ms)
        return {};
    const qint64 s = (*ms + 500) / 1000;
    return s >= 60 ? tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0')) : tr("%1 s").arg(s);
}

QString CallsModel::hangupText(const QString &cause, const std::optional<int> &code)
{
    const ringside::HangupCause *known = code ? hangupCauseByCode(*code) : hangupCauseByName(cause);
    const QString name = cause.isEmpty() && known ? QString(known->name) : cause;
    if (!known)
        return code ? QStringLiteral("%1 (%2)").arg(name).arg(*code) : name;
    // "USER_BUSY (17, User busy)": the provider's name, the code and the standard's words.
    return code ? QStringLiteral("%1 (%2, %3)").arg(name).arg(*code).arg(QString(known->text))
                : QStringLiteral("%1 (%2)").arg(name, QString(known->text));
}

QVariant CallsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CallRow &r = m_rows.at(index.row());
    switch (role) {
    case CallUuidRole:
        return r.callUuid;
    case CrmStatusRole:
        return r.crmStatus;
    case OutcomeRole:
        return r.completed ? r.outcome : QStringLiteral("incomplete");
    case Qt::ToolTipRole:
        if (index.column() == HangupCause && r.hangupCauseCode) {
            if (const ringside::HangupCause *c = hangupCauseByCode(*r.hangupCauseCode))
                return tr("Q.850 cause %1: %2").arg(*r.hangupCauseCode).arg(QString(c->text));
        }
        return tr("Call %1").arg(r.callUuid);
    case Qt::TextAlignmentRole:
        if (index.column() == Ring || index.column() == Talk)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(r.firstReceivedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case From:
        return r.from;
    case To:
        return r.to;
    case Seat:
        return r.seatId;
    case Did:
        return r.didId;
    case Direction:
        return r.direction == QLatin1String("inbound")    ? tr("Inbound")
               : r.direction == QLatin1String("outbound") ? tr("Outbound")
                                                           : r.direction;
    case Outcome:
        return outcomeText(r.completed ? r.outcome : QString());
    case Ring:
        return durationText(r.ringMs);
    case Talk:
        return durationText(r.talkMs);
    case HangupCause:
        return hangupText(r.hangupCause, r.hangupCauseCode);
    case Crm:
        return crmStatusText(r.crmStatus);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CallsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time");
    case From: return tr("From");
    case To: return tr("To");
    case Seat: return tr("Seat");
    case Did: return tr("DID");
    case Direction: return tr("Direction");
    case Outcome: return tr("Outcome");
    case Ring: return tr("Ring time");
    case Talk: return tr("Talk time");
    case HangupCause: return tr("Hangup cause");
    case Crm: return tr("CRM");
    case ColumnCount: break;
    }
    return {};
}

bool CallsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void CallsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    std::optional<CallsQuery::Cursor> after;
    if (!m_rows.isEmpty())
        after = CallsQuery::Cursor{m_rows.constLast().firstReceivedAt, m_rows.constLast().callUuid};
    const quint64 generation = m_generation;
    m_runner.run(this, [this, generation, filter = m_filter, after](StoreReader *reader, const QString &openError) {
        QString error = openError;
        QList<CallRow> rows;
        if (reader)
            rows = CallsQuery::page(reader->database(), filter, after, kPageSize, &error);
        return [this, generation, rows = std::move(rows), error] {
            if (generation != m_generation)
                return; // the filter changed meanwhile; that query has its own answer coming
            m_atEnd = !error.isEmpty() || rows.size() < kPageSize;
            if (!rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
                m_rows.append(rows);
                endInsertRows();
            }
            // Only now: a view that asks for more while the rows go in would repeat this page.
            m_fetching = false;
            Q_EMIT loaded(error);
        };
    });
}

void CallsModel::setFilter(const CallsFilter &filter)
{
    ++m_generation;
    m_filter = filter;
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_fetching = false;
    m_refreshing = false;
    endResetModel();
    fetchMore({});
}

void CallsModel::refresh()
{
    if (m_fetching || m_refreshing) {
        m_refreshAgain = m_refreshing; // one more pass once this one lands; fetches see new rows anyway
        return;
    }
    if (m_rows.isEmpty()) {
        // Nothing loaded yet (or the list was empty): a normal first page.
        m_atEnd = false;
        fetchMore({});
        return;
    }
    m_refreshing = true;
    const int limit = int(std::clamp<qsizetype>(m_rows.size(), kPageSize, kRefreshRows));
    const quint64 generation = m_generation;
    m_runner.run(this, [this, generation, filter = m_filter, limit](StoreReader *reader, const QString &openError) {
        QString error = openError;
        QList<CallRow> rows;
        if (reader)
            rows = CallsQuery::page(reader->database(), filter, std::nullopt, limit, &error);
        return [this, generation, limit, rows = std::move(rows), error] {
            if (generation != m_generation)
                return;
            m_refreshing = false;
            if (error.isEmpty())
                applyRefresh(rows, limit);
            Q_EMIT loaded(error);
            if (std::exchange(m_refreshAgain, false))
                refresh();
        };
    });
}

void CallsModel::applyRefresh(const QList<CallRow> &top, int limit)
{
    // Calls never move down the list's order (first receipt time is fixed), so the new top is
    // some new calls, then the old top with changed fields. Anything else (a filter that a call
    // stopped matching) is rare enough for a reset.
    qsizetype added = top.size();
    if (!m_rows.isEmpty()) {
        added = -1;
        for (qsizetype i = 0; i < top.size(); ++i) {
            if (top.at(i).callUuid == m_rows.constFirst().callUuid) {
                added = i;
                break;
            }
        }
    }
    bool aligned = added >= 0;
    const qsizetype kept = aligned ? top.size() - added : 0;
    for (qsizetype i = 0; aligned && i < kept; ++i)
        aligned = i < m_rows.size() && top.at(added + i).callUuid == m_rows.at(i).callUuid;
    // A short answer is the whole filtered list: loaded rows past it no longer match.
    if (!aligned || (top.size() < limit && m_rows.size() > kept)) {
        beginResetModel();
        m_rows = top;
        m_atEnd = top.size() < kPageSize;
        endResetModel();
        return;
    }
    if (added > 0) {
        beginInsertRows({}, 0, int(added - 1));
        m_rows = top.mid(0, added) + m_rows;
        endInsertRows();
    }
    for (qsizetype i = 0; i < kept; ++i) {
        const qsizetype at = added + i;
        if (m_rows.at(at) != top.at(at)) {
            m_rows[at] = top.at(at);
            Q_EMIT dataChanged(index(int(at), 0), index(int(at), ColumnCount - 1));
        }
    }
}

int CallsModel::rowOf(const QString &callUuid) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).callUuid == callUuid)
            return int(i);
    }
    return -1;
}

} // namespace ringside
