#include "models/failures_model.h"

#include "models/query_runner.h"
#include "store/store_reader.h"

#include <QDateTime>
#include <limits>

namespace ringside {

namespace {

/** One query's answer: a page of rows and how many match in all. */
struct Answer
{
    QList<FailureRow> rows;
    qint64 matching = -1;
    QString error;
};

Answer query(StoreReader *reader, const QString &openError, const FailuresFilter &filter,
             std::optional<qint64> beforeId, std::optional<qint64> minId, int limit)
{
    Answer a;
    a.error = openError;
    if (!reader)
        return a;
    a.rows = FailuresQuery::page(reader->database(), filter, beforeId, minId, limit, &a.error);
    if (a.error.isEmpty())
        a.matching = FailuresQuery::count(reader->database(), filter, &a.error);
    return a;
}

} // namespace

FailuresModel::FailuresModel(QueryRunner &runner, QObject *parent) : QAbstractTableModel(parent), m_runner(runner)
{
}

int FailuresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FailuresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FailuresModel::stateText(const QString &state)
{
    if (state == QLatin1String("dead"))
        return tr("Dead");
    if (state == QLatin1String("retrying"))
        return tr("Retrying");
    return state;
}

QString FailuresModel::errorClassText(const QString &errorClass)
{
    if (errorClass == QLatin1String("http_4xx"))
        return tr("Refused (4xx)");
    if (errorClass == QLatin1String("http_5xx"))
        return tr("CRM error (5xx)");
    if (errorClass == QLatin1String("rate_limited"))
        return tr("Rate limited");
    if (errorClass == QLatin1String("auth"))
        return tr("Credentials");
    if (errorClass == QLatin1String("timeout"))
        return tr("Timeout");
    if (errorClass == QLatin1String("network"))
        return tr("Network");
    return errorClass;
}

QString FailuresModel::timeText(const std::optional<qint64> &ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QVariant FailuresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FailureRow &r = m_rows.at(index.row());
    switch (role) {
    case DeliveryIdRole:
        return r.id;
    case StateRole:
        return r.state;
    case SinkRole:
        return r.sink;
    case CallUuidRole:
        return r.callUuid;
    case Qt::ToolTipRole:
        if (index.column() == Error && !r.error.isEmpty())
            return r.error;
        if (index.column() == HttpStatus && !r.httpStatus)
            return tr("No HTTP answer: the CRM could not be reached");
        return tr("Delivery %1 of call %2 to %3").arg(r.id).arg(r.callUuid, r.sink);
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Attempts || index.column() == HttpStatus)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Id: return r.id;
    case Call: return r.callUuid;
    case Event: return r.event;
    case Sink: return r.sink;
    case State: return stateText(r.state);
    case Attempts: return r.attempts;
    case HttpStatus: return r.httpStatus ? QString::number(*r.httpStatus) : QStringLiteral("—");
    case ErrorClass: return errorClassText(r.errorClass);
    case Error: return QString(r.error).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case LastAttempt: return timeText(r.lastAttemptAt);
    case NextAttempt: return timeText(r.nextAttemptAt);
    case ColumnCount: break;
    }
    return {};
}

QVariant FailuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Id: return tr("Delivery");
    case Call: return tr("Call");
    case Event: return tr("Event");
    case Sink: return tr("Sink");
    case State: return tr("State");
    case Attempts: return tr("Attempts");
    case HttpStatus: return tr("HTTP");
    case ErrorClass: return tr("Error class");
    case Error: return tr("CRM error");
    case LastAttempt: return tr("Last attempt");
    case NextAttempt: return tr("Next attempt");
    case ColumnCount: break;
    }
    return {};
}

bool FailuresModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void FailuresModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const std::optional<qint64> before = m_rows.isEmpty() ? std::nullopt : std::optional(m_rows.constLast().id);
    const quint64 generation = m_generation;
    m_runner.run(this, [this, generation, filter = m_filter, before](StoreReader *reader, const QString &openError) {
        Answer a = query(reader, openError, filter, before, std::nullopt, kPageSize);
        return [this, generation, a = std::move(a)] {
            if (generation != m_generation)
                return; // the filter changed meanwhile; that query has its own answer coming
            m_fetching = false;
            m_atEnd = !a.error.isEmpty() || a.rows.size() < kPageSize;
            if (!a.rows.isEmpty()) {
                // A refresh may have brought some of these in already: only ids below the last row are new.
                const qint64 last = m_rows.isEmpty() ? std::numeric_limits<qint64>::max() : m_rows.constLast().id;
                QList<FailureRow> add;
                for (const FailureRow &r : a.rows)
                    if (r.id < last)
                        add.append(r);
                if (!add.isEmpty()) {
                    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + add.size() - 1));
                    m_rows.append(add);
                    endInsertRows();
                }
            }
            setMatching(a.matching);
            Q_EMIT loaded(a.error);
            if (std::exchange(m_refreshAgain, false))
                refresh();
        };
    });
}

void FailuresModel::setFilter(const FailuresFilter &filter)
{
    ++m_generation;
    m_filter = filter;
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_fetching = false;
    m_refreshing = false;
    m_refreshAgain = false;
    endResetModel();
    setMatching(-1);
    fetchMore({});
}

void FailuresModel::refresh()
{
    if (m_fetching || m_refreshing) {
        m_refreshAgain = true; // one more pass once this answer lands
        return;
    }
    if (m_rows.isEmpty()) {
        m_atEnd = false;
        fetchMore({});
        return;
    }
    m_refreshing = true;
    // The whole loaded range when it is small enough, else its top; once everything is loaded,
    // older deliveries that became retrying belong in the list too, so no lower bound at all.
    std::optional<qint64> minId;
    if (m_rows.size() > kMaxRefreshRows)
        minId = m_rows.at(kMaxRefreshRows - 1).id;
    else if (!m_atEnd)
        minId = m_rows.constLast().id;
    const int limit = int(qMin<qsizetype>(m_rows.size() + kPageSize, kMaxRefreshRows));
    const quint64 generation = m_generation;
    m_runner.run(this, [this, generation, filter = m_filter, minId, limit](StoreReader *reader, const QString &openError) {
        Answer a = query(reader, openError, filter, std::nullopt, minId, limit);
        return [this, generation, minId, limit, a = std::move(a)] {
            if (generation != m_generation)
                return;
            m_refreshing = false;
            if (a.error.isEmpty()) {
                // A full answer stops short of minId: only the range it covers can be compared.
                merge(a.rows, a.rows.size() == limit ? std::optional(a.rows.constLast().id) : minId);
                setMatching(a.matching);
            }
            Q_EMIT loaded(a.error);
            if (std::exchange(m_refreshAgain, false))
                refresh();
        };
    });
}

void FailuresModel::merge(const QList<FailureRow> &fresh, std::optional<qint64> lowerBound)
{
    // Both lists are ordered by id, newest first: walk them together and turn the differences into
    // the fewest contiguous removes, inserts and changes, so that persistent indexes survive.
    const qint64 bound = lowerBound.value_or(std::numeric_limits<qint64>::min());
    auto oldAt = [this, bound](qsizetype i) { return i < m_rows.size() && m_rows.at(i).id >= bound; };
    qsizetype i = 0, j = 0;
    while (j < fresh.size() || oldAt(i)) {
        if (oldAt(i) && (j == fresh.size() || m_rows.at(i).id > fresh.at(j).id)) {
            qsizetype end = i;
            while (oldAt(end) && (j == fresh.size() || m_rows.at(end).id > fresh.at(j).id))
                ++end;
            beginRemoveRows({}, int(i), int(end - 1));
            m_rows.remove(i, end - i);
            endRemoveRows();
        } else if (!oldAt(i) || m_rows.at(i).id < fresh.at(j).id) {
            qsizetype end = j;
            while (end < fresh.size() && (!oldAt(i) || fresh.at(end).id > m_rows.at(i).id))
                ++end;
            beginInsertRows({}, int(i), int(i + end - j - 1));
            m_rows = m_rows.mid(0, i) + fresh.mid(j, end - j) + m_rows.mid(i);
            endInsertRows();
            i += end - j;
            j = end;
        } else {
            qsizetype end = i;
            while (oldAt(end) && j + (end - i) < fresh.size() && m_rows.at(end).id == fresh.at(j + end - i).id
                   && m_rows.at(end) != fresh.at(j + end - i)) {
                m_rows[end] = fresh.at(j + end - i);
                ++end;
            }
            if (end > i)
                Q_EMIT dataChanged(index(int(i), 0), index(int(end - 1), ColumnCount - 1));
            else
                ++end; // the same row, unchanged
            j += end - i;
            i = end;
        }
    }
}

void FailuresModel::setMatching(qint64 count)
{
    if (count == m_matching)
        return;
    m_matching = count;
    Q_EMIT matchingCountChanged(count);
}

int FailuresModel::rowOf(qint64 deliveryId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == deliveryId)
            return int(i);
    }
    return -1;
}

} // namespace ringside
