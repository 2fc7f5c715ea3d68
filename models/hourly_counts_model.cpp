#include "models/hourly_counts_model.h"

#include <QLocale>

namespace ringside {

HourlyCountsModel::HourlyCountsModel(QObject *parent) : MetricBucketsModel(parent)
{
}

int HourlyCountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HourlyCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time");
    case Received: return tr("Received");
    case Processed: return tr("Processed");
    case Deduped: return tr("Deduped");
    case Failed: return tr("Failed");
    case ColumnCount: break;
    }
    return {};
}

QVariant HourlyCountsModel::value(const MetricBucket &bucket, int column) const
{
    const MetricTotals &t = bucket.totals;
    switch (Column(column)) {
    case Received: return t.received;
    case Processed: return t.processed;
    case Deduped: return t.deduped;
    case Failed: return t.failed();
    case Time:
    case ColumnCount: break;
    }
    return {};
}

QString HourlyCountsModel::valueText(const QVariant &value, int) const
{
    return QLocale().toString(value.toLongLong());
}

} // namespace ringside
