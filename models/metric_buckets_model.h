#pragma once

#include "models/metrics_query.h"

#include <QAbstractTableModel>

namespace ringside {

/** Rows of time buckets (one per minute or per hour) for a chart and its table; column 0 is the
 *  bucket's time, the others are what a subclass derives from the bucket's totals. setBuckets()
 *  changes only what changed: the bucket in progress, or rows shifting in as time moves on. */
class MetricBucketsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        TimeRole = Qt::UserRole + 1, // the bucket's start, ms since the epoch (any column)
        ValueRole,                   // the cell as a number; invalid where there is none (no deliveries)
    };
    Q_ENUM(Role)

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setBuckets(qint64 bucketMs, const QList<MetricBucket> &buckets);
    const QList<MetricBucket> &buckets() const { return m_buckets; }
    qint64 bucketMs() const { return m_bucketMs; }

    /** "14:05" for minutes, "Mon 14:00" for hours. */
    QString timeText(qint64 startMs) const;

protected:
    explicit MetricBucketsModel(QObject *parent = nullptr);
    /** The number in a column > 0, or an invalid QVariant. */
    virtual QVariant value(const MetricBucket &bucket, int column) const = 0;
    virtual QString valueText(const QVariant &value, int column) const = 0;

private:
    bool updateInPlace(const QList<MetricBucket> &buckets);

    qint64 m_bucketMs = 0;
    QList<MetricBucket> m_buckets;
};

} // namespace ringside
