#pragma once

#include <QChartView>
#include <QList>

class QAbstractItemModel;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace ringside {

/** A QtCharts line chart over a model's time buckets: one line per chosen column, x from
 *  MetricBucketsModel::TimeRole, y from its ValueRole (cells without a value are left out).
 *  However many change signals one model update sends, the lines are re-filled once. */
class ModelLineChart : public QChartView
{
    Q_OBJECT
public:
    ModelLineChart(QAbstractItemModel *model, const QList<int> &columns, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    /** printf-style format of the value axis labels, e.g. "%.0f". */
    void setValueFormat(const QString &format);
    void setColors(const QList<QColor> &colors);
    /** Marks every point: for series with gaps, where a bare line would bridge them. */
    void setPointsVisible(bool visible);
    /** Series names again from the model's header (after a language change). */
    void retranslate();
    QLineSeries *line(int i) const { return m_lines.at(i); }
    QDateTimeAxis *timeAxis() const { return m_time; }

    static constexpr int kMaxMarkedPoints = 72;

private:
    void scheduleRefill();
    void refill();

    QAbstractItemModel *m_model;
    QList<int> m_columns;
    QList<QLineSeries *> m_lines;
    QDateTimeAxis *m_time;
    QValueAxis *m_values;
    bool m_refillPending = false;
    bool m_pointsVisible = false;
};

} // namespace ringside
