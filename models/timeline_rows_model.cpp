#include "models/timeline_rows_model.h"

#include "models/calls_model.h"
#include "models/timeline_text.h"

#include <QSet>
#include <algorithm>

namespace ringside {

namespace {
/** The detail lines after the first (which repeats what the What column says), on one line. */
QString oneLine(const QString &detail)
{
    QStringList lines = detail.split(QLatin1Char('\n'));
    if (lines.size() > 1)
        lines.removeFirst();
    return lines.join(QStringLiteral("; "));
}

/** Old keys, in order, all among the new ones: the refresh only added or changed rows. */
bool isSubsequence(const QStringList &old, const QStringList &now)
{
    qsizetype j = 0;
    for (const QString &k : old) {
        while (j < now.size() && now.at(j) != k)
            ++j;
        if (j == now.size())
            return false;
        ++j;
    }
    return true;
}
} // namespace

TimelineRowsModel::TimelineRowsModel(QObject *parent) : QAbstractTableModel(parent)
{
}

int TimelineRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Time: return r.time ? timeText(*r.time) : QString();
        case What: return r.what;
        case Detail: return r.detail;
        case ColumnCount: break;
        }
        return {};
    case Qt::ToolTipRole:
        return r.toolTip;
    case KindRole:
        return QVariant::fromValue(r.kind);
    case TimestampRole:
        return r.time ? QVariant(*r.time) : QVariant();
    case EventIdRole:
        return r.eventId ? QVariant(r.eventId) : QVariant();
    case DeliveryIdRole:
        return r.deliveryId ? QVariant(r.deliveryId) : QVariant();
    case ProblemRole:
        return r.problem;
    default:
        return {};
    }
}

QVariant TimelineRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time");
    case What: return tr("What");
    case Detail: return tr("Detail");
    case ColumnCount: break;
    }
    return {};
}

QHash<int, QByteArray> TimelineRowsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(TimestampRole, "timestamp");
    names.insert(EventIdRole, "eventId");
    names.insert(DeliveryIdRole, "deliveryId");
    names.insert(ProblemRole, "problem");
    return names;
}

QString TimelineRowsModel::timeText(qint64 ms) const
{
    return TimelineText::time(ms, m_referenceMs);
}

QList<TimelineRowsModel::Row> TimelineRowsModel::rowsFor(const CallTimeline &t) const
{
    const qint64 ref = t.call.firstReceivedAt;
    const CallRecord &c = t.call;
    QList<Row> rows;

    auto milestone = [&rows, ref](EventType type, const std::optional<qint64> &at, const QString &what, const QString &detail) {
        if (!at)
            return;
        Row r;
        r.kind = Kind::Milestone;
        r.key = QStringLiteral("m:%1").arg(int(type));
        r.time = at;
        r.what = what;
        r.detail = detail;
        r.toolTip = tr("%1 at %2 by the provider's clock").arg(what, TimelineText::time(*at, ref));
        rows << r;
    };
    QStringList parties;
    if (!c.from.isEmpty() || !c.to.isEmpty())
        parties << tr("%1 → %2").arg(c.from, c.to);
    if (!c.direction.isEmpty())
        parties << c.direction;
    if (!c.seatId.isEmpty())
        parties << tr("seat %1").arg(c.seatId);
    milestone(EventType::Initiated, c.initiatedAt, tr("Call initiated"), parties.join(QStringLiteral(", ")));
    milestone(EventType::Answered, c.answeredAt, tr("Call answered"),
              c.ringMs ? tr("Ring time %1").arg(TimelineText::duration(*c.ringMs)) : QString());
    QStringList end;
    if (c.answeredAt && c.talkMs)
        end << tr("Talk time %1").arg(TimelineText::duration(*c.talkMs));
    else if (c.ringMs)
        end << tr("Rang %1, never answered").arg(TimelineText::duration(*c.ringMs));
    if (!c.outcome.isEmpty())
        end << CallsModel::outcomeText(c.outcome);
    if (!c.hangupCause.isEmpty() || c.hangupCauseCode)
        end << CallsModel::hangupText(c.hangupCause, c.hangupCauseCode);
    milestone(EventType::Completed, c.endedAt, tr("Call completed"), end.join(QStringLiteral(", ")));

    for (const TimelineReceipt &rc : t.receipts) {
        Row r;
        r.kind = Kind::Receipt;
        r.key = QStringLiteral("r:%1:%2").arg(rc.eventId).arg(rc.receiptId);
        r.time = rc.receivedAt;
        r.what = tr("Received %1").arg(TimelineText::receiptSummary(rc));
        r.toolTip = TimelineText::receiptDetail(rc, ref);
        r.detail = oneLine(r.toolTip);
        r.eventId = rc.eventId;
        r.problem = rc.duplicate || rc.outOfOrder;
        rows << r;
    }
    for (const TimelineAttempt &a : t.attempts) {
        Row r;
        r.kind = Kind::Attempt;
        r.key = QStringLiteral("a:%1").arg(a.id);
        r.time = a.startedAt;
        r.what = tr("CRM %1 → %2: %3").arg(eventTypeName(a.eventType), a.sink, TimelineText::attemptSummary(a));
        r.toolTip = TimelineText::attemptDetail(a, t.delivery(a.deliveryId), ref);
        r.detail = oneLine(r.toolTip);
        r.deliveryId = a.deliveryId;
        r.problem = a.result() != TimelineAttempt::Result::Success;
        rows << r;
    }
    // One story in time order; the provider's and our clock may differ a little, which the
    // Detail column says where it matters.
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return *a.time != *b.time ? *a.time < *b.time : int(a.kind) < int(b.kind);
    });
    // What happens next comes after the story, in delivery order: a retry that is rescheduled
    // keeps its row (and the user's selection) instead of moving through the history.
    for (const TimelineDelivery &d : t.deliveries) {
        if (!d.waiting() || !d.nextAttemptAt)
            continue;
        Row r;
        r.kind = Kind::Scheduled;
        r.key = QStringLiteral("s:%1").arg(d.id);
        r.time = d.nextAttemptAt;
        r.what = tr("Next CRM attempt: %1 → %2").arg(eventTypeName(d.eventType), d.sink);
        r.toolTip = TimelineText::scheduledDetail(d, ref);
        r.detail = oneLine(r.toolTip);
        r.deliveryId = d.id;
        rows << r;
    }

    const QStringList missing = c.missingEvents();
    if (!missing.isEmpty()) {
        Row r;
        r.kind = Kind::Missing;
        r.key = QStringLiteral("missing:") + missing.join(QLatin1Char(','));
        r.what = TimelineText::missing(missing);
        r.detail = tr("The provider has not sent it (yet); a loss on its side shows up like this.");
        r.toolTip = r.detail;
        r.problem = true;
        rows.prepend(r);
    }
    return rows;
}

void TimelineRowsModel::setTimeline(const CallTimeline &timeline)
{
    if (timeline.call.callUuid != m_callUuid) {
        beginResetModel();
        m_callUuid = timeline.call.callUuid;
        m_referenceMs = timeline.call.firstReceivedAt;
        m_rows = rowsFor(timeline);
        endResetModel();
        return;
    }
    applyRows(rowsFor(timeline));
}

void TimelineRowsModel::clear()
{
    beginResetModel();
    m_callUuid.clear();
    m_rows.clear();
    endResetModel();
}

void TimelineRowsModel::applyRows(QList<Row> rows)
{
    QStringList oldKeys, newKeys;
    for (const Row &r : std::as_const(m_rows))
        oldKeys << r.key;
    for (const Row &r : std::as_const(rows))
        newKeys << r.key;
    // Rows that went (the "missing" row once the event came, a delivery no longer waiting).
    const QSet<QString> keep(newKeys.cbegin(), newKeys.cend());
    for (qsizetype end = m_rows.size(); end > 0;) {
        if (keep.contains(m_rows.at(end - 1).key)) {
            --end;
            continue;
        }
        qsizetype begin = end - 1;
        while (begin > 0 && !keep.contains(m_rows.at(begin - 1).key))
            --begin;
        beginRemoveRows({}, int(begin), int(end - 1));
        m_rows.remove(begin, end - begin);
        oldKeys.remove(begin, end - begin);
        endRemoveRows();
        end = begin;
    }
    if (!isSubsequence(oldKeys, newKeys)) {
        // Rows changed places: not something a refresh of one call does; start over.
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    qsizetype pos = 0;
    qsizetype j = 0;
    while (j < rows.size()) {
        if (pos < m_rows.size() && m_rows.at(pos).key == rows.at(j).key) {
            if (m_rows.at(pos) != rows.at(j)) {
                m_rows[pos] = rows.at(j);
                Q_EMIT dataChanged(index(int(pos), 0), index(int(pos), ColumnCount - 1));
            }
            ++pos;
            ++j;
            continue;
        }
        // New rows up to the next old one go in as one block.
        qsizetype k = j;
        while (k < rows.size() && !(pos < m_rows.size() && rows.at(k).key == m_rows.at(pos).key))
            ++k;
        beginInsertRows({}, int(pos), int(pos + (k - j) - 1));
        for (qsizetype i = j; i < k; ++i)
            m_rows.insert(pos + (i - j), rows.at(i));
        endInsertRows();
        pos += k - j;
        j = k;
    }
}

QString TimelineRowsModel::toText() const
{
    QStringList lines;
    lines << QStringList{headerData(Time, Qt::Horizontal).toString(), headerData(What, Qt::Horizontal).toString(),
                         headerData(Detail, Qt::Horizontal).toString()}
                 .join(QLatin1Char('\t'));
    for (int i = 0; i < rowCount(); ++i) {
        QStringList cells;
        for (int c = 0; c < ColumnCount; ++c)
            cells << data(index(i, c)).toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ringside
