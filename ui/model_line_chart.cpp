#include "ui/model_line_chart.h"

#include "models/metric_buckets_model.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>
#include <cmath>

namespace ringside {

namespace {
constexpr qint64 kDayMs = 24 * 3'600'000;
}

ModelLineChart::ModelLineChart(QAbstractItemModel *model, const QList<int> &columns, QWidget *parent)
    : QChartView(parent), m_model(model), m_columns(columns), m_time(new QDateTimeAxis), m_values(new QValueAxis)
{
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_values, Qt::AlignLeft);
    m_time->setTickCount(7);
    // No times until the first buckets arrive: an empty axis would label itself with 1970.
    m_time->setLabelsVisible(false);
    m_values->setLabelFormat(QStringLiteral("%.0f"));
    m_values->setRange(0, 5);
    for (int i = 0; i < m_columns.size(); ++i) {
        auto *line = new QLineSeries;
        chart->addSeries(line);
        line->attachAxis(m_time);
        line->attachAxis(m_values);
        m_lines.append(line);
    }
    // QChartView made a chart of its own, and setChart() hands that one back instead of deleting it.
    QChart *placeholder = this->chart();
    setChart(chart);
    delete placeholder;
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    retranslate();

    connect(model, &QAbstractItemModel::modelReset, this, &ModelLineChart::scheduleRefill);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ModelLineChart::scheduleRefill);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ModelLineChart::scheduleRefill);
    connect(model, &QAbstractItemModel::dataChanged, this, &ModelLineChart::scheduleRefill);
    connect(model, &QAbstractItemModel::headerDataChanged, this, &ModelLineChart::retranslate);
    refill();
}

void ModelLineChart::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

void ModelLineChart::setValueFormat(const QString &format)
{
    m_values->setLabelFormat(format);
}

void ModelLineChart::setColors(const QList<QColor> &colors)
{
    for (int i = 0; i < m_lines.size() && i < colors.size(); ++i) {
        QPen pen = m_lines.at(i)->pen();
        pen.setColor(colors.at(i));
        pen.setWidthF(2);
        m_lines.at(i)->setPen(pen);
        m_lines.at(i)->setColor(colors.at(i));
    }
}

void ModelLineChart::setPointsVisible(bool visible)
{
    m_pointsVisible = visible;
    for (QLineSeries *line : std::as_const(m_lines))
        line->setMarkerSize(5);
    scheduleRefill();
}

void ModelLineChart::retranslate()
{
    for (int i = 0; i < m_lines.size(); ++i)
        m_lines.at(i)->setName(m_model->headerData(m_columns.at(i), Qt::Horizontal).toString());
}

void ModelLineChart::scheduleRefill()
{
    if (m_refillPending)
        return;
    m_refillPending = true;
    QTimer::singleShot(0, this, &ModelLineChart::refill);
}

void ModelLineChart::refill()
{
    m_refillPending = false;
    const int rows = m_model->rowCount();
    // Markers help on an hour or a day of buckets; on a week's 168 they would be a smear.
    const bool marked = m_pointsVisible && rows <= kMaxMarkedPoints;
    double top = 0;
    for (int i = 0; i < m_lines.size(); ++i) {
        QList<QPointF> points;
        points.reserve(rows);
        for (int r = 0; r < rows; ++r) {
            const QModelIndex index = m_model->index(r, m_columns.at(i));
            const QVariant v = index.data(MetricBucketsModel::ValueRole);
            if (!v.isValid())
                continue;
            points.append(QPointF(double(index.data(MetricBucketsModel::TimeRole).toLongLong()), v.toDouble()));
            top = std::max(top, v.toDouble());
        }
        m_lines.at(i)->replace(points); // one signal per line, not one per point
        m_lines.at(i)->setPointsVisible(marked);
    }
    if (rows > 0) {
        const qint64 first = m_model->index(0, 0).data(MetricBucketsModel::TimeRole).toLongLong();
        const qint64 last = m_model->index(rows - 1, 0).data(MetricBucketsModel::TimeRole).toLongLong();
        const qint64 step = rows > 1 ? (last - first) / (rows - 1) : 60'000;
        // Through the end of the last bucket, so the ticks fall on whole intervals of the window.
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last + step));
        m_time->setFormat(last - first >= kDayMs ? QStringLiteral("ddd HH:mm") : QStringLiteral("HH:mm"));
    }
    m_time->setLabelsVisible(rows > 0);
    // A floor of 5 keeps integer ticks apart when there is little or nothing to show.
    m_values->setRange(0, std::max(top * 1.1, 5.0));
    m_values->applyNiceNumbers();
}

} // namespace ringside
