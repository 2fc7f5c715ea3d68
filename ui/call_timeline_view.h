#pragma once

#include "models/call_timeline.h"
#include "ui/timeline_axis.h"

#include <QColor>
#include <QRectF>
#include <QWidget>

namespace ringside {

/** One call drawn on a time axis, in the spirit of Wireshark's VoIP flow graph: the call's
 *  events with its ring and talk time, below them every receipt of every event (event time →
 *  receipt time, duplicates and late arrivals marked), then every CRM attempt with its status
 *  and latency. Hover for details, click a receipt for its raw payload. Paints only: the data
 *  comes in through setTimeline(). */
class CallTimelineView : public QWidget
{
    Q_OBJECT
public:
    enum class MarkerKind { Milestone, Segment, Break, Receipt, Attempt, Scheduled };
    Q_ENUM(MarkerKind)
    enum class Shape { Diamond, Circle, Square, Triangle, Ring, Bar };
    Q_ENUM(Shape)

    /** Something drawn that has a tooltip. */
    struct Marker
    {
        MarkerKind kind = MarkerKind::Milestone;
        int index = 0;     // into the timeline's receipts / attempts / deliveries; EventType for milestones
        QRectF rect;       // the drawn shape
        QRectF hitRect;    // where the mouse finds it (shape, line and label)
        QString toolTip;
        qint64 eventId = 0; // receipts: whose payload a click asks for
        QColor color;       // the fill it is drawn with
        Shape shape = Shape::Circle;
        QColor outline;     // a second flag on the same receipt (duplicate and out of order)
    };

    explicit CallTimelineView(QWidget *parent = nullptr);

    void setTimeline(const CallTimeline &timeline);
    /** No call to show: the message says why ("Select a call", "Loading…", an error). */
    void clear(const QString &message);

    bool hasTimeline() const { return m_hasTimeline; }
    const CallTimeline &timeline() const { return m_timeline; }
    QString message() const { return m_message; }
    /** "Missing: call.answered" for an incomplete call, else empty. */
    QString bannerText() const;
    QRectF bannerRect() const { return m_banner; }

    /** The markers at the current size, in drawing order; tests and keyboard focus use them. */
    const QList<Marker> &markers() const;
    /** The marker under pos (the receipts' and attempts' rows count, not just the shape). */
    const Marker *markerAt(const QPointF &pos) const;
    QString toolTipAt(const QPoint &pos) const;
    const TimelineAxis &axis() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /** The user clicked a receipt (or pressed Enter on it): show that event's stored payload. */
    void payloadRequested(qint64 eventId);

protected:
    bool event(QEvent *e) override;
    void paintEvent(QPaintEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void changeEvent(QEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void focusInEvent(QFocusEvent *e) override;
    void focusOutEvent(QFocusEvent *e) override;

private:
    struct Label
    {
        QRectF rect;
        QString text;
        QColor color;
        bool bold = false;
        bool opaque = false; // may sit on a line: painted on the base colour
    };
    struct Line
    {
        QPointF from, to;
        QColor color;
        Qt::PenStyle style = Qt::SolidLine;
        double width = 1;
    };
    struct Bar
    {
        QRectF rect;
        QColor color;
        bool open = false; // an interval whose end has not arrived: dashed
    };
    struct LegendItem
    {
        QRectF swatch;
        QRectF text;
        QString label;
        QColor color;
        Shape shape = Shape::Circle;
    };

    void ensureLayout() const;
    void relayout();
    double layoutCallLane(double y);
    double layoutReceipts(double y);
    double layoutDeliveries(double y);
    double layoutLegend(double y);
    void addSectionTitle(double &y, const QString &text);
    /** Right of anchorRight if it fits, else left of anchorLeft, else just left of markerX. */
    QRectF placeLabel(const QString &text, double anchorLeft, double anchorRight, double markerX, double cy) const;
    QList<qint64> shownTimes() const;
    Marker &addMarker(MarkerKind kind, int index, Shape shape, const QRectF &rect, const QColor &color);
    /** A row of the receipts or CRM lane with its marker at x; moves y past it. */
    Marker &addRow(MarkerKind kind, int index, Shape shape, double x, const QColor &color, double &y);
    /** Puts the row's words beside what it draws between from and to. */
    void labelRow(Marker &m, const QString &text, const QColor &color, double from, double to);
    double rowHeight() const;
    void setFocusedMarker(int index);

    CallTimeline m_timeline;
    bool m_hasTimeline = false;
    QString m_message;

    // Layout at the current size, recomputed on resize, data, font or palette change.
    bool m_dirty = true;
    int m_layoutWidth = -1;
    TimelineAxis m_axis;
    QRectF m_banner;
    double m_axisY = 0;
    double m_gridTop = 0;
    double m_gridBottom = 0;
    int m_contentHeight = 0;
    QList<Marker> m_markers;
    QList<Label> m_labels;
    QList<Line> m_lines;
    QList<Bar> m_bars;
    QList<LegendItem> m_legend;
    int m_focused = -1;
};

} // namespace ringside
