#include "ui/timeline_axis.h"

#include "models/timeline_text.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace ringside {

namespace {
constexpr qint64 kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour;
constexpr qint64 kSteps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500,
                             kSecond, 2 * kSecond, 5 * kSecond, 10 * kSecond, 15 * kSecond, 30 * kSecond,
                             kMinute, 2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute, 30 * kMinute,
                             kHour, 2 * kHour, 3 * kHour, 6 * kHour, 12 * kHour,
                             kDay, 2 * kDay, 7 * kDay, 30 * kDay};

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/** The widest label a step can produce. */
QString widestLabel(qint64 step)
{
    if (step < kMinute)
        return QStringLiteral("00:00:00");
    if (step < kDay)
        return QStringLiteral("00:00");
    return QStringLiteral("0000-00-00");
}
} // namespace

QString TimelineAxis::tickLabel(qint64 time, qint64 stepMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(time);
    if (stepMs < kSecond && time % kSecond != 0)
        return t.toString(QStringLiteral(".zzz"));
    if (stepMs < kMinute)
        return t.toString(QStringLiteral("HH:mm:ss"));
    if (stepMs < kDay)
        return t.toString(QStringLiteral("HH:mm"));
    return t.toString(QStringLiteral("yyyy-MM-dd"));
}

void TimelineAxis::layout(QList<qint64> times, double left, double right, const QFontMetricsF &metrics,
                          const QList<Interval> &uncut)
{
    m_segments.clear();
    m_ticks.clear();
    m_breaks.clear();
    m_left = left;
    m_right = right;
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    if (times.isEmpty())
        return;

    // Cut the largest gaps while each dwarfs everything else that is drawn: what is left then
    // fills the width, and the cut stretches are labelled instead of drawn.
    QList<qint64> gaps;
    for (qsizetype i = 1; i < times.size(); ++i)
        gaps << times.at(i) - times.at(i - 1);
    QList<bool> cut(gaps.size(), false);
    auto cuttable = [&](qsizetype i) {
        for (const Interval &keep : uncut) {
            if (times.at(i) < keep.second && times.at(i + 1) > keep.first)
                return false;
        }
        return !cut.at(i);
    };
    for (int b = 0; b < kMaxBreaks; ++b) {
        qint64 shown = 0;
        qsizetype largest = -1;
        for (qsizetype i = 0; i < gaps.size(); ++i) {
            if (cut.at(i))
                continue;
            shown += gaps.at(i);
            if (cuttable(i) && (largest < 0 || gaps.at(i) > gaps.at(largest)))
                largest = i;
        }
        if (largest < 0)
            break;
        // Cutting the last gap between two instants would only leave two dots.
        const qint64 rest = shown - gaps.at(largest);
        if (rest <= 0 || gaps.at(largest) < kMinBreakMs
            || gaps.at(largest) < kBreakRatio * std::max(rest, kMinSpanMs))
            break;
        cut[largest] = true;
    }

    Segment current{times.first(), times.first(), 0, 0};
    for (qsizetype i = 1; i < times.size(); ++i) {
        if (cut.at(i - 1)) {
            m_segments << current;
            current = {times.at(i), times.at(i), 0, 0};
        } else {
            current.to = times.at(i);
        }
    }
    m_segments << current;

    qint64 total = 0;
    for (const Segment &s : std::as_const(m_segments))
        total += s.to - s.from;
    if (total < kMinSpanMs) {
        // Widen each stretch around its centre so that a call of a few milliseconds is not drawn at µs scale.
        const qint64 extra = (kMinSpanMs - total) / m_segments.size();
        for (Segment &s : m_segments) {
            s.from -= extra / 2;
            s.to += extra - extra / 2;
        }
        total = 0;
        for (const Segment &s : std::as_const(m_segments))
            total += s.to - s.from;
    }
    const double breaks = double(m_segments.size() - 1) * kBreakPx;
    const double available = std::max(10.0, right - left - breaks - double(m_segments.size()) * 2 * kPadPx);
    m_scale = available / double(std::max<qint64>(total, 1));
    double x = left;
    for (Segment &s : m_segments) {
        s.left = x;
        s.right = x + 2 * kPadPx + double(s.to - s.from) * m_scale;
        x = s.right + kBreakPx;
    }
    for (qsizetype i = 1; i < m_segments.size(); ++i) {
        const Segment &a = m_segments.at(i - 1), &b = m_segments.at(i);
        Break br{a.to, b.from, a.right, b.left, QStringLiteral("+") + TimelineText::duration(b.from - a.to), 0};
        br.labelWidth = metrics.horizontalAdvance(br.label);
        m_breaks << br;
    }
    placeTicks(metrics);
}

double TimelineAxis::x(qint64 time) const
{
    if (m_segments.isEmpty())
        return m_left;
    const Segment *best = &m_segments.first();
    for (const Segment &s : m_segments) {
        if (time >= s.from) {
            best = &s;
        } else {
            // Before this segment: nearer to it than to the previous one's end?
            if (time - best->to > s.from - time)
                best = &s;
            break;
        }
    }
    const double px = best->left + kPadPx + double(time - best->from) * m_scale;
    return std::clamp(px, best->left, best->right);
}

void TimelineAxis::placeTicks(const QFontMetricsF &metrics)
{
    m_step = kSteps[std::size(kSteps) - 1];
    for (qint64 step : kSteps) {
        if (double(step) * m_scale >= metrics.horizontalAdvance(widestLabel(step)) + 16) {
            m_step = step;
            break;
        }
    }
    const double padMs = kPadPx / m_scale;
    double lastLabelRight = -1e9;
    // Break labels sit in the tick-label row too, and win over the ticks next to them.
    auto hitsBreak = [this](double l, double r) {
        for (const Break &b : std::as_const(m_breaks)) {
            const double c = (b.left + b.right) / 2;
            if (r + 8 > c - b.labelWidth / 2 && l - 8 < c + b.labelWidth / 2)
                return true;
        }
        return false;
    };
    for (const Segment &s : std::as_const(m_segments)) {
        // Minutes and hours on the local clock's boundaries (zones off UTC by half an hour exist).
        const qint64 offset = m_step >= kMinute
            ? qint64(QDateTime::fromMSecsSinceEpoch(s.from).offsetFromUtc()) * kSecond : 0;
        const qint64 first = s.from - qint64(padMs);
        const qint64 last = s.to + qint64(padMs);
        for (qint64 t = (floorDiv(first + offset, m_step) + 1) * m_step - offset; t <= last; t += m_step) {
            Tick tick{t, x(t), tickLabel(t, m_step)};
            if (tick.x < s.left || tick.x > s.right)
                continue;
            const double w = metrics.horizontalAdvance(tick.label);
            const double l = tick.x - w / 2;
            if (l < lastLabelRight + 8 || l < m_left - kPadPx || tick.x + w / 2 > m_right + kPadPx
                || hitsBreak(l, l + w))
                tick.label.clear();
            else
                lastLabelRight = tick.x + w / 2;
            m_ticks << tick;
        }
    }
}

} // namespace ringside
