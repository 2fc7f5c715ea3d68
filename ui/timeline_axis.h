#pragma once

#include <QFontMetricsF>
#include <QList>
#include <QString>
#include <utility>

namespace ringside {

/** The call timeline's time → x mapping: one linear scale, with long idle stretches cut out
 *  (a retry an hour later, or a provider clock far from ours, would otherwise squeeze the call
 *  itself into a few pixels), and tick marks at a step the labels fit. */
class TimelineAxis
{
public:
    /** A stretch of time drawn at the common scale; breaks lie between segments. */
    struct Segment
    {
        qint64 from = 0;
        qint64 to = 0;
        double left = 0;
        double right = 0;
    };
    /** A stretch left out between two segments, labelled with its length ("+1 h 05 min"). */
    struct Break
    {
        qint64 from = 0;
        qint64 to = 0;
        double left = 0;
        double right = 0;
        QString label;
        double labelWidth = 0;
    };
    struct Tick
    {
        qint64 time = 0;
        double x = 0;
        QString label; // empty: a tick without a label (it would overlap its neighbour)
    };

    static constexpr double kBreakPx = 34;  // room for the break mark and the skipped span
    static constexpr double kPadPx = 16;    // air before and after each segment
    static constexpr qint64 kMinBreakMs = 5000;
    /** A gap is cut when it is this many times longer than everything else that is drawn. */
    static constexpr qint64 kBreakRatio = 20;
    static constexpr qint64 kMinSpanMs = 1000;
    static constexpr int kMaxBreaks = 3;

    /** An interval that is drawn whole, never cut (a ring or talk bar must not jump a break). */
    using Interval = std::pair<qint64, qint64>;

    /** Lays out the instants in `times` (any order, repeats allowed) between x = left and right. */
    void layout(QList<qint64> times, double left, double right, const QFontMetricsF &metrics,
                const QList<Interval> &uncut = {});

    bool isEmpty() const { return m_segments.isEmpty(); }
    double x(qint64 time) const;
    double pxPerMs() const { return m_scale; }
    qint64 stepMs() const { return m_step; }
    const QList<Segment> &segments() const { return m_segments; }
    const QList<Tick> &ticks() const { return m_ticks; }
    const QList<Break> &breaks() const { return m_breaks; }
    double left() const { return m_left; }
    double right() const { return m_right; }

    /** A tick label at this step: "14:02", "14:02:05", or ".250" between whole seconds. */
    static QString tickLabel(qint64 time, qint64 stepMs);

private:
    void placeTicks(const QFontMetricsF &metrics);

    QList<Segment> m_segments;
    QList<Tick> m_ticks;
    QList<Break> m_breaks;
    double m_scale = 1;
    qint64 m_step = 1000;
    double m_left = 0;
    double m_right = 0;
};

} // namespace ringside
