#include "models/latency_model.h"

#include <QLocale>

namespace ringside {

LatencyModel::LatencyModel(QObject *parent) : MetricBucketsModel(parent)
{
}

int LatencyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LatencyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time");
    case P50: return tr("P50");
    case P95: return tr("P95");
    case P99: return tr("P99");
    case Deliveries: return tr("Deliveries");
    case ColumnCount: break;
    }
    return {};
}

std::optional<double> LatencyModel::quantileMs(const Histogram::Snapshot &latency, double q)
{
    if (latency.count == 0)
        return std::nullopt;
    return latency.quantile(q) * 1000.0;
}

QString LatencyModel::msText(std::optional<double> ms)
{
    if (!ms)
        return QStringLiteral("\u2013");
    // One decimal where it matters (the P95 target is 25 ms), none where it would be noise.
    return tr("%1 ms").arg(QLocale().toString(*ms, 'f', *ms < 100 ? 1 : 0));
}

QVariant LatencyModel::value(const MetricBucket &bucket, int column) const
{
    const Histogram::Snapshot &h = bucket.totals.processingLatency;
    std::optional<double> ms;
    switch (Column(column)) {
    case P50: ms = quantileMs(h, 0.50); break;
    case P95: ms = quantileMs(h, 0.95); break;
    case P99: ms = quantileMs(h, 0.99); break;
    case Deliveries: return qint64(h.count);
    case Time:
    case ColumnCount: break;
    }
    return ms ? QVariant(*ms) : QVariant();
}

QString LatencyModel::valueText(const QVariant &value, int column) const
{
    if (column == Deliveries)
        return QLocale().toString(value.toLongLong());
    return msText(value.isValid() ? std::optional<double>(value.toDouble()) : std::nullopt);
}

} // namespace ringside
