#include "models/events_model.h"

#include "models/failures_model.h"
#include "models/query_runner.h"
#include "store/store_reader.h"

#include <QColor>
#include <QHash>

namespace ringside {

namespace {

EventsQuery::Cursor justAbove(const EventsQuery::Cursor &head)
{
    auto plusOne = [](const std::optional<qint64> &id) { return std::optional<qint64>(id.value_or(0) + 1); };
    return {plusOne(head.events), plusOne(head.receipts), plusOne(head.rejected)};
}

} // namespace

EventsModel::EventsModel(QueryRunner &runner, QObject *parent) : QAbstractTableModel(parent), m_runner(runner)
{
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventsModel::kindText(EventLogRow::Kind kind)
{
    switch (kind) {
    case EventLogRow::Kind::Accepted: return tr("Accepted");
    case EventLogRow::Kind::Duplicate: return tr("Duplicate");
    case EventLogRow::Kind::Unprocessable: return tr("Unprocessable");
    case EventLogRow::Kind::Rejected: return tr("Rejected");
    }
    return {};
}

QString EventsModel::reasonText(const QString &reason)
{
    static const QHash<QString, const char *> words{
        {QStringLiteral("missing_credentials"), QT_TR_NOOP("No credentials sent")},
        {QStringLiteral("bad_token"), QT_TR_NOOP("Wrong token")},
        {QStringLiteral("bad_signature"), QT_TR_NOOP("Signature does not match")},
        {QStringLiteral("malformed_signature"), QT_TR_NOOP("Signature header malformed")},
        {QStringLiteral("timestamp_out_of_tolerance"), QT_TR_NOOP("Signature timestamp too old or in the future")},
        {QStringLiteral("not_found"), QT_TR_NOOP("No webhook route at this path")},
        {QStringLiteral("method_not_allowed"), QT_TR_NOOP("Not a POST")},
        {QStringLiteral("malformed"), QT_TR_NOOP("Malformed HTTP")},
        {QStringLiteral("header_too_large"), QT_TR_NOOP("Headers too large")},
        {QStringLiteral("body_too_large"), QT_TR_NOOP("Body too large")},
        {QStringLiteral("header_timeout"), QT_TR_NOOP("Headers too slow")},
        {QStringLiteral("body_timeout"), QT_TR_NOOP("Body too slow")},
        {QStringLiteral("too_many_connections"), QT_TR_NOOP("Too many connections")},
        {QStringLiteral("store_unavailable"), QT_TR_NOOP("Store unavailable")},
        {QStringLiteral("version_not_supported"), QT_TR_NOOP("HTTP version not supported")},
    };
    const auto it = words.constFind(reason);
    return it == words.cend() ? reason : QStringLiteral("%1 (%2)").arg(tr(*it), reason);
}

QString EventsModel::whyText(const EventLogRow &r)
{
    switch (r.kind) {
    case EventLogRow::Kind::Accepted:
        return {};
    case EventLogRow::Kind::Duplicate:
        return tr("The provider sent event %1 again").arg(r.eventId);
    case EventLogRow::Kind::Unprocessable:
        return QString(r.reason).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case EventLogRow::Kind::Rejected:
        if (r.method.isEmpty())
            return reasonText(r.reason); // refused before the request line was read
        return r.peer.isEmpty() ? tr("%1: %2 %3").arg(reasonText(r.reason), r.method, r.target)
                                : tr("%1: %2 %3 from %4").arg(reasonText(r.reason), r.method, r.target, r.peer);
    }
    return {};
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventLogRow &r = m_rows.at(index.row());
    switch (role) {
    case KindRole:
        return int(r.kind);
    case EventIdRole:
        return r.eventId;
    case ReasonRole:
        return r.reason;
    case Qt::ToolTipRole:
        return index.column() == Why ? whyText(r) : QVariant();
    case Qt::ForegroundRole:
        // Problems stand out while scrolling; the kind's name says the same for those who cannot see colour.
        if (index.column() != Kind && index.column() != Why)
            return {};
        switch (r.kind) {
        case EventLogRow::Kind::Rejected: return QColor(0xb3, 0x26, 0x1e);
        case EventLogRow::Kind::Unprocessable: return QColor(0xa8, 0x5d, 0x00);
        case EventLogRow::Kind::Duplicate: return QColor(0x6b, 0x6b, 0x6b);
        case EventLogRow::Kind::Accepted: return {};
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Answer ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Time: return FailuresModel::timeText(r.receivedAt);
    case Kind: return kindText(r.kind);
    case Answer: return r.httpStatus;
    case Event: return r.event;
    case Call: return r.callUuid;
    case Provider: return r.provider;
    case Why: return whyText(r);
    case ColumnCount: break;
    }
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Received");
    case Kind: return tr("Kind");
    case Answer: return tr("Answer");
    case Event: return tr("Event");
    case Call: return tr("Call");
    case Provider: return tr("Provider");
    case Why: return tr("Why");
    case ColumnCount: break;
    }
    return {};
}

bool EventsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void EventsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const quint64 generation = m_generation;
    const std::optional<EventsQuery::Cursor> after = m_head ? std::optional(m_next) : std::nullopt;
    m_runner.run(this, [this, generation, filter = m_filter, after](StoreReader *reader, const QString &openError) {
        QString error = openError;
        QList<EventLogRow> rows;
        EventsQuery::Cursor head, next;
        if (reader) {
            // The first page starts at the newest rows as of now; anything later comes through refresh().
            head = after ? EventsQuery::Cursor{} : EventsQuery::heads(reader->database(), &error);
            if (error.isEmpty())
                rows = EventsQuery::page(reader->database(), filter, after ? *after : justAbove(head), kPageSize,
                                         &next, &error);
        }
        return [this, generation, first = !after, rows = std::move(rows), head, next, error] {
            if (generation != m_generation)
                return;
            m_fetching = false;
            m_atEnd = !error.isEmpty() || rows.size() < kPageSize;
            if (error.isEmpty()) {
                if (first)
                    m_head = head;
                m_next = next;
            }
            if (!rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
                m_rows.append(rows);
                endInsertRows();
            }
            Q_EMIT loaded(error);
            if (std::exchange(m_refreshAgain, false))
                refresh();
        };
    });
}

void EventsModel::setFilter(const EventsFilter &filter)
{
    ++m_generation;
    m_filter = filter;
    beginResetModel();
    m_rows.clear();
    m_head.reset();
    m_next = {};
    m_atEnd = false;
    m_fetching = false;
    m_refreshing = false;
    m_refreshAgain = false;
    endResetModel();
    fetchMore({});
}

void EventsModel::refresh()
{
    if (m_fetching || m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    if (!m_head) {
        // The first page never arrived (the store could not be opened yet): try it again.
        m_atEnd = false;
        fetchMore({});
        return;
    }
    m_refreshing = true;
    const quint64 generation = m_generation;
    m_runner.run(this, [this, generation, filter = m_filter, head = *m_head](StoreReader *reader, const QString &openError) {
        QString error = openError;
        QList<EventLogRow> rows;
        EventsQuery::Cursor newHead = head;
        bool more = false;
        if (reader)
            rows = EventsQuery::newer(reader->database(), filter, head, kRefreshRows, &newHead, &more, &error);
        return [this, generation, rows = std::move(rows), newHead, more, error] {
            if (generation != m_generation)
                return;
            m_refreshing = false;
            if (more) {
                // A burst bigger than a refresh: start again from the top rather than leave a gap.
                setFilter(m_filter);
                return;
            }
            if (error.isEmpty()) {
                m_head = newHead;
                if (!rows.isEmpty()) {
                    beginInsertRows({}, 0, int(rows.size() - 1));
                    m_rows = rows + m_rows;
                    endInsertRows();
                }
            }
            Q_EMIT loaded(error);
            if (std::exchange(m_refreshAgain, false))
                refresh();
        };
    });
}

void EventsModel::requestDetail(int i)
{
    if (i < 0 || i >= m_rows.size())
        return;
    m_runner.run(this, [this, row = m_rows.at(i)](StoreReader *reader, const QString &openError) {
        QString error = openError;
        std::optional<EventLogDetail> detail;
        if (reader)
            detail = EventsQuery::detail(reader->database(), row, &error);
        if (!detail && error.isEmpty())
            error = tr("no longer stored");
        return [this, row, detail = detail.value_or(EventLogDetail{}), error] {
            Q_EMIT detailLoaded(row, detail, error);
        };
    });
}

} // namespace ringside
