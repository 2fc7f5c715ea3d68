#include "models/metric_buckets_model.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

namespace ringside {

MetricBucketsModel::MetricBucketsModel(QObject *parent) : QAbstractTableModel(parent)
{
}

int MetricBucketsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buckets.size());
}

QString MetricBucketsModel::timeText(qint64 startMs) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(startMs);
    return QLocale().toString(t, m_bucketMs < 3'600'000 ? QStringLiteral("HH:mm") : QStringLiteral("ddd HH:mm"));
}

QVariant MetricBucketsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MetricBucket &b = m_buckets.at(index.row());
    const int column = index.column();
    switch (role) {
    case TimeRole:
        return b.startMs;
    case ValueRole:
        return column == 0 ? QVariant(b.startMs) : value(b, column);
    case Qt::DisplayRole:
        return column == 0 ? timeText(b.startMs) : valueText(value(b, column), column);
    case Qt::TextAlignmentRole:
        return column == 0 ? QVariant() : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

void MetricBucketsModel::setBuckets(qint64 bucketMs, const QList<MetricBucket> &buckets)
{
    if (bucketMs == m_bucketMs && updateInPlace(buckets))
        return;
    beginResetModel();
    m_bucketMs = bucketMs;
    m_buckets = buckets;
    endResetModel();
}

bool MetricBucketsModel::updateInPlace(const QList<MetricBucket> &buckets)
{
    if (m_buckets.isEmpty() || buckets.isEmpty() || m_bucketMs <= 0)
        return false;
    const qint64 offset = buckets.constFirst().startMs - m_buckets.constFirst().startMs;
    const qint64 shift = offset / m_bucketMs;
    if (offset % m_bucketMs != 0 || shift < 0 || shift >= m_buckets.size())
        return false;
    const qsizetype common = std::min(m_buckets.size() - shift, buckets.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (m_buckets.at(shift + i).startMs != buckets.at(i).startMs)
            return false; // not the same grid: a reset says so honestly
    }
    // Time moved on: the oldest buckets scroll out at the top ...
    if (shift > 0) {
        beginRemoveRows({}, 0, int(shift - 1));
        m_buckets.remove(0, shift);
        endRemoveRows();
    }
    // ... the ones still shown change where their totals did (mostly the bucket in progress) ...
    qsizetype firstChanged = -1, lastChanged = -1;
    for (qsizetype i = 0; i < common; ++i) {
        if (m_buckets.at(i) == buckets.at(i))
            continue;
        m_buckets[i] = buckets.at(i);
        if (firstChanged < 0)
            firstChanged = i;
        lastChanged = i;
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(int(firstChanged), 1), index(int(lastChanged), columnCount() - 1));
    // ... and new ones come in at the bottom.
    if (m_buckets.size() > common) {
        beginRemoveRows({}, int(common), int(m_buckets.size() - 1));
        m_buckets.remove(common, m_buckets.size() - common);
        endRemoveRows();
    }
    if (buckets.size() > common) {
        beginInsertRows({}, int(common), int(buckets.size() - 1));
        m_buckets.append(buckets.mid(common));
        endInsertRows();
    }
    return true;
}

} // namespace ringside
