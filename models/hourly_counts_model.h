#pragma once

#include "models/metric_buckets_model.h"

namespace ringside {

/** The four seed counters per bucket (per hour; per minute for the last hour): received,
 *  processed (CRM 2xx), deduped and failed (failed attempts + unprocessable). */
class HourlyCountsModel : public MetricBucketsModel
{
    Q_OBJECT
public:
    enum Column { Time, Received, Processed, Deduped, Failed, ColumnCount };
    Q_ENUM(Column)

    explicit HourlyCountsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QVariant value(const MetricBucket &bucket, int column) const override;
    QString valueText(const QVariant &value, int column) const override;
};

} // namespace ringside
