#pragma once

#include "models/metric_buckets_model.h"

#include <optional>

namespace ringside {

/** Processing latency (event receipt -> CRM 2xx) per bucket: P50, P95 and P99 in milliseconds,
 *  interpolated from the stored histogram buckets, and how many deliveries they are about. */
class LatencyModel : public MetricBucketsModel
{
    Q_OBJECT
public:
    enum Column { Time, P50, P95, P99, Deliveries, ColumnCount };
    Q_ENUM(Column)

    explicit LatencyModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** The quantile (0..1) of a histogram in ms; nullopt when it holds nothing. */
    static std::optional<double> quantileMs(const Histogram::Snapshot &latency, double q);
    /** "8.4 ms", "125 ms"; "–" for none. */
    static QString msText(std::optional<double> ms);

protected:
    QVariant value(const MetricBucket &bucket, int column) const override;
    QString valueText(const QVariant &value, int column) const override;
};

} // namespace ringside
