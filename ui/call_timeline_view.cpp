#include "ui/call_timeline_view.h"

#include "models/timeline_text.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <cmath>

namespace ringside {

namespace {
// Fixed hues for what the colours mean (they read on light and dark backgrounds alike);
// neutral ink comes from the palette.
const QColor kRing(0xF5, 0x9F, 0x00);
const QColor kTalk(0x4C, 0x6E, 0xF5);
const QColor kDuplicate(0xF7, 0x67, 0x07);
const QColor kOutOfOrder(0xAE, 0x3E, 0xC9);
const QColor kSuccess(0x37, 0xB2, 0x4D);
const QColor kFailure(0xF0, 0x3E, 0x3E);
const QColor kNoAnswer(0x86, 0x8E, 0x96);

constexpr double kMargin = 16;
constexpr double kMarkerSize = 11;
constexpr double kBarHeight = 16;

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

QColor attemptColor(TimelineAttempt::Result r)
{
    switch (r) {
    case TimelineAttempt::Result::Success: return kSuccess;
    case TimelineAttempt::Result::Failure: return kFailure;
    case TimelineAttempt::Result::NoAnswer: return kNoAnswer;
    }
    return kNoAnswer;
}

void paintShape(QPainter &p, CallTimelineView::Shape shape, const QRectF &r, const QColor &fill, const QColor &outline)
{
    using Shape = CallTimelineView::Shape;
    p.save();
    p.setPen(outline.isValid() ? QPen(outline, 2) : QPen(fill.darker(130), 1));
    p.setBrush(fill);
    switch (shape) {
    case Shape::Diamond: {
        const QPointF c = r.center();
        p.drawPolygon(QPolygonF{{c.x(), r.top()}, {r.right(), c.y()}, {c.x(), r.bottom()}, {r.left(), c.y()}});
        break;
    }
    case Shape::Circle:
        p.drawEllipse(r);
        break;
    case Shape::Square:
        p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
        break;
    case Shape::Triangle:
        p.drawPolygon(QPolygonF{{r.center().x(), r.top()}, {r.right(), r.bottom()}, {r.left(), r.bottom()}});
        break;
    case Shape::Ring:
        p.setPen(QPen(fill, 2, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(r.adjusted(1, 1, -1, -1));
        break;
    case Shape::Bar:
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(r, 2, 2);
        break;
    }
    p.restore();
}
} // namespace

CallTimelineView::CallTimelineView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    setAccessibleName(tr("Call timeline"));
    clear(tr("Select a call to see its timeline."));
}

void CallTimelineView::setTimeline(const CallTimeline &timeline)
{
    const bool sameCall = m_hasTimeline && timeline.call.callUuid == m_timeline.call.callUuid;
    m_timeline = timeline;
    m_hasTimeline = true;
    m_message.clear();
    if (!sameCall)
        m_focused = -1;
    setAccessibleDescription(tr("Call %1: receipts: %2, CRM attempts: %3")
                                 .arg(timeline.call.callUuid)
                                 .arg(timeline.receipts.size())
                                 .arg(timeline.attempts.size()));
    m_dirty = true;
    updateGeometry();
    update();
}

void CallTimelineView::clear(const QString &message)
{
    m_timeline = {};
    m_hasTimeline = false;
    m_message = message;
    m_focused = -1;
    setAccessibleDescription(message);
    m_dirty = true;
    updateGeometry();
    update();
}

QString CallTimelineView::bannerText() const
{
    if (!m_hasTimeline)
        return {};
    const QStringList missing = m_timeline.call.missingEvents();
    return missing.isEmpty() ? QString() : TimelineText::missing(missing);
}

const QList<CallTimelineView::Marker> &CallTimelineView::markers() const
{
    ensureLayout();
    return m_markers;
}

const TimelineAxis &CallTimelineView::axis() const
{
    ensureLayout();
    return m_axis;
}

const CallTimelineView::Marker *CallTimelineView::markerAt(const QPointF &pos) const
{
    ensureLayout();
    // The drawn shape first (rows can be close), then the wider row areas; the topmost (last
    // drawn: an event's diamond over its bar) wins.
    for (auto it = m_markers.crbegin(); it != m_markers.crend(); ++it) {
        if (it->rect.adjusted(-3, -3, 3, 3).contains(pos))
            return &*it;
    }
    for (auto it = m_markers.crbegin(); it != m_markers.crend(); ++it) {
        if (it->hitRect.contains(pos))
            return &*it;
    }
    return nullptr;
}

QString CallTimelineView::toolTipAt(const QPoint &pos) const
{
    const Marker *m = markerAt(pos);
    return m ? m->toolTip : QString();
}

QSize CallTimelineView::sizeHint() const
{
    ensureLayout();
    return {900, m_contentHeight};
}

QSize CallTimelineView::minimumSizeHint() const
{
    ensureLayout();
    return {480, m_contentHeight};
}

void CallTimelineView::ensureLayout() const
{
    // Layout is a cache of what the data and the size imply; computing it on demand keeps the
    // public queries (markers, hit tests) valid before the first paint.
    // (A hidden widget gets its resize event only when shown, so the width is checked too.)
    if (m_dirty || m_layoutWidth != width())
        const_cast<CallTimelineView *>(this)->relayout();
}

QList<qint64> CallTimelineView::shownTimes() const
{
    QList<qint64> times;
    const CallRecord &c = m_timeline.call;
    for (const auto &t : {c.initiatedAt, c.answeredAt, c.endedAt}) {
        if (t)
            times << *t;
    }
    for (const TimelineReceipt &r : m_timeline.receipts) {
        times << r.receivedAt;
        if (r.eventTime)
            times << *r.eventTime;
    }
    for (const TimelineAttempt &a : m_timeline.attempts)
        times << a.startedAt << a.startedAt + a.durationMs.value_or(0);
    for (const TimelineDelivery &d : m_timeline.deliveries) {
        if (d.nextAttemptAt)
            times << *d.nextAttemptAt;
    }
    return times;
}

void CallTimelineView::relayout()
{
    m_dirty = false;
    m_layoutWidth = width();
    m_markers.clear();
    m_labels.clear();
    m_lines.clear();
    m_bars.clear();
    m_legend.clear();
    m_banner = {};
    const QFontMetricsF fm(font());
    const int oldHeight = m_contentHeight;
    if (!m_hasTimeline) {
        m_axis = {};
        m_contentHeight = int(fm.height() * 6);
    } else {
        double y = kMargin;
        const QString banner = bannerText();
        if (!banner.isEmpty()) {
            m_banner = QRectF(kMargin, y, width() - 2 * kMargin, fm.height() + 16);
            y = m_banner.bottom() + 12;
        }
        const CallRecord &c = m_timeline.call;
        QList<TimelineAxis::Interval> bars;
        if (c.initiatedAt && (c.endedAt || c.answeredAt))
            bars << TimelineAxis::Interval{*c.initiatedAt, c.endedAt.value_or(*c.answeredAt)};
        else if (c.answeredAt && c.endedAt)
            bars << TimelineAxis::Interval{*c.answeredAt, *c.endedAt};
        m_axis.layout(shownTimes(), kMargin, width() - kMargin, fm, bars);
        addSectionTitle(y, tr("Call: event times by the provider's clock"));
        m_axisY = y + fm.height() + 4;
        m_gridTop = m_axisY;
        y = layoutCallLane(m_axisY + 8);
        addSectionTitle(y, tr("Receipts: when each request reached Ringside (our clock)"));
        y = layoutReceipts(y);
        addSectionTitle(y, tr("CRM delivery attempts"));
        y = layoutDeliveries(y);
        m_gridBottom = y;
        y = layoutLegend(y + 12);
        m_contentHeight = int(std::ceil(y + kMargin));
    }
    if (m_focused >= m_markers.size())
        m_focused = -1;
    if (oldHeight != m_contentHeight)
        updateGeometry();
}

void CallTimelineView::addSectionTitle(double &y, const QString &text)
{
    const QFontMetricsF fm(font());
    m_labels << Label{QRectF(kMargin, y, width() - 2 * kMargin, fm.height()), text, palette().color(QPalette::Text), true};
    y += fm.height() + 4;
}

QRectF CallTimelineView::placeLabel(const QString &text, double anchorLeft, double anchorRight, double markerX,
                                    double cy) const
{
    const QFontMetricsF fm(font());
    const double w = fm.horizontalAdvance(text) + 2;
    const double h = fm.height();
    if (anchorRight + w <= width() - 4)
        return {anchorRight, cy - h / 2, w, h};
    if (anchorLeft - w >= 4)
        return {anchorLeft - w, cy - h / 2, w, h};
    // No free side: just before the marker, over its line (painted on a background).
    return {std::max(4.0, markerX - kMarkerSize - w), cy - h / 2, w, h};
}

CallTimelineView::Marker &CallTimelineView::addMarker(MarkerKind kind, int index, Shape shape, const QRectF &rect,
                                                      const QColor &color)
{
    Marker m;
    m.kind = kind;
    m.index = index;
    m.shape = shape;
    m.rect = rect;
    m.hitRect = rect;
    m.color = color;
    m_markers << m;
    return m_markers.last();
}

double CallTimelineView::layoutCallLane(double y)
{
    const QFontMetricsF fm(font());
    const CallRecord &c = m_timeline.call;
    const qint64 ref = c.firstReceivedAt;
    const QColor ink = palette().color(QPalette::Text);
    const double captionTop = y;
    const double barTop = y + fm.height() + 2;
    const double cy = barTop + kBarHeight / 2;
    QList<QRectF> captions;

    auto segment = [&](qint64 from, qint64 to, const QColor &color, const QString &caption, const QString &tip,
                       bool open) {
        const double l = m_axis.x(from), r = m_axis.x(to);
        const QRectF bar(l, barTop, std::max(2.0, r - l), kBarHeight);
        m_bars << Bar{bar, color, open};
        Marker &m = addMarker(MarkerKind::Segment, 0, Shape::Bar, bar, color);
        m.toolTip = tip;
        const double w = fm.horizontalAdvance(caption) + 2;
        QRectF cap(bar.center().x() - w / 2, captionTop, w, fm.height());
        for (const QRectF &other : std::as_const(captions)) {
            if (cap.intersects(other.adjusted(-6, 0, 6, 0)))
                return; // the tooltip still says it
        }
        captions << cap;
        m_labels << Label{cap, caption, ink, false};
    };

    const std::optional<qint64> ringEnd = c.answeredAt ? c.answeredAt : (c.completed() ? c.endedAt : std::nullopt);
    if (c.initiatedAt && ringEnd) {
        const QString d = TimelineText::duration(*ringEnd - *c.initiatedAt);
        segment(*c.initiatedAt, *ringEnd, kRing, tr("ring %1").arg(d),
                c.answeredAt ? tr("Ring time %1: initiated → answered").arg(d)
                             : tr("Rang %1 and was never answered").arg(d),
                false);
    }
    if (c.answeredAt && c.endedAt) {
        const QString d = TimelineText::duration(*c.endedAt - *c.answeredAt);
        segment(*c.answeredAt, *c.endedAt, kTalk, tr("talk %1").arg(d), tr("Talk time %1: answered → completed").arg(d),
                false);
    } else if (c.answeredAt && !c.completed()) {
        // Answered but never completed: how long they talked is unknown, so the bar stays open.
        double end = m_axis.x(*c.answeredAt);
        for (const TimelineAxis::Segment &s : m_axis.segments()) {
            if (*c.answeredAt >= s.from && *c.answeredAt <= s.to)
                end = s.right;
        }
        const QRectF bar(m_axis.x(*c.answeredAt), barTop, std::max(2.0, end - m_axis.x(*c.answeredAt)), kBarHeight);
        m_bars << Bar{bar, kTalk, true};
        Marker &m = addMarker(MarkerKind::Segment, 0, Shape::Bar, bar, kTalk);
        m.toolTip = tr("Answered, but call.completed has not arrived: the talk time is unknown");
    }

    // The call's three events, labelled under the bar; a label that would overlap drops a line.
    double labelsBottom = barTop + kBarHeight;
    QList<QRectF> placed;
    const std::pair<EventType, std::optional<qint64>> events[] = {
        {EventType::Initiated, c.initiatedAt}, {EventType::Answered, c.answeredAt}, {EventType::Completed, c.endedAt}};
    for (const auto &[type, at] : events) {
        if (!at)
            continue;
        const double x = m_axis.x(*at);
        const QRectF shape(x - kMarkerSize / 2 - 1, cy - kMarkerSize / 2 - 1, kMarkerSize + 2, kMarkerSize + 2);
        Marker &m = addMarker(MarkerKind::Milestone, int(type), Shape::Diamond, shape, ink);
        QStringList tip{tr("%1 at %2 (provider's clock)").arg(eventTypeName(type), TimelineText::time(*at, ref))};
        if (!(c.eventsSeen & (1 << int(type))))
            tip << tr("%1 itself never arrived; its time comes from a later event's payload").arg(eventTypeName(type));
        m.toolTip = tip.join(QLatin1Char('\n'));

        const QString text = TimelineText::eventName(type);
        const double w = fm.horizontalAdvance(text) + 2;
        QRectF label(x - w / 2, barTop + kBarHeight + 4, w, fm.height());
        label.moveLeft(std::clamp(label.left(), 4.0, width() - 4 - w));
        for (int line = 0; line < 3; ++line) {
            bool clash = false;
            for (const QRectF &p : std::as_const(placed))
                clash = clash || label.intersects(p.adjusted(-6, 0, 6, 0));
            if (!clash)
                break;
            label.translate(0, fm.height());
        }
        placed << label;
        m_labels << Label{label, text, ink, false};
        m.hitRect = shape.united(label);
        labelsBottom = std::max(labelsBottom, label.bottom());
    }
    if (!c.initiatedAt && !c.answeredAt && !c.endedAt)
        m_labels << Label{QRectF(kMargin, barTop, width() - 2 * kMargin, fm.height()),
                          tr("The payloads carry no event times."), palette().color(QPalette::PlaceholderText), false};
    return labelsBottom + 14;
}

double CallTimelineView::rowHeight() const
{
    return std::max(24.0, QFontMetricsF(font()).height() + 8);
}

CallTimelineView::Marker &CallTimelineView::addRow(MarkerKind kind, int index, Shape shape, double x, const QColor &color,
                                                   double &y)
{
    const double cy = y + rowHeight() / 2;
    Marker &m = addMarker(kind, index, shape, QRectF(x - kMarkerSize / 2, cy - kMarkerSize / 2, kMarkerSize, kMarkerSize),
                          color);
    m.hitRect = QRectF(x, y, 0, rowHeight());
    y += rowHeight();
    return m;
}

void CallTimelineView::labelRow(Marker &m, const QString &text, const QColor &color, double from, double to)
{
    const QRectF label = placeLabel(text, from - kMarkerSize, to + kMarkerSize, m.rect.center().x(), m.rect.center().y());
    m_labels << Label{label, text, color, false, true};
    // The whole row finds its marker: the shape, its line and its words.
    m.hitRect = QRectF(QPointF(std::min(from, label.left()) - 4, m.hitRect.top()),
                       QPointF(std::max(to, label.right()) + 4, m.hitRect.bottom()));
}

double CallTimelineView::layoutReceipts(double y)
{
    const qint64 ref = m_timeline.call.firstReceivedAt;
    const QColor ink = palette().color(QPalette::Text);
    for (int i = 0; i < m_timeline.receipts.size(); ++i) {
        const TimelineReceipt &r = m_timeline.receipts.at(i);
        Shape shape = Shape::Circle;
        QColor color = ink;
        if (r.duplicate) {
            shape = Shape::Square;
            color = kDuplicate;
        } else if (r.outOfOrder) {
            shape = Shape::Triangle;
            color = kOutOfOrder;
        }
        const double rx = m_axis.x(r.receivedAt);
        Marker &m = addRow(MarkerKind::Receipt, i, shape, rx, color, y);
        if (r.duplicate && r.outOfOrder)
            m.outline = kOutOfOrder;
        m.eventId = r.eventId;
        m.toolTip = TimelineText::receiptDetail(r, ref) + QLatin1Char('\n') + tr("Click to see the payload.");

        double left = rx, right = rx;
        QStringList parts{TimelineText::eventName(r.type)};
        if (r.duplicate)
            parts << tr("duplicate");
        if (r.outOfOrder)
            parts << tr("out of order");
        if (r.eventTime) {
            // Event time → receipt time: the request's transit, plus whatever the clocks disagree by.
            const double ex = m_axis.x(*r.eventTime), cy = m.rect.center().y();
            m_lines << Line{{ex, cy - 6}, {ex, cy + 6}, withAlpha(ink, 170), Qt::SolidLine, 1.5};
            m_lines << Line{{ex, cy}, {rx, cy}, withAlpha(ink, 110), Qt::SolidLine, 1};
            left = std::min(left, ex);
            right = std::max(right, ex);
            parts << (r.receivedAt >= *r.eventTime ? QStringLiteral("+") : QString())
                    + TimelineText::duration(r.receivedAt - *r.eventTime);
        }
        labelRow(m, parts.join(QStringLiteral(" · ")), color, left, right);
    }
    return y + 8;
}

double CallTimelineView::layoutDeliveries(double y)
{
    const qint64 ref = m_timeline.call.firstReceivedAt;
    const QColor ink = palette().color(QPalette::Text);
    const QColor faint = palette().color(QPalette::PlaceholderText);
    auto note = [&](const QString &text) {
        m_labels << Label{QRectF(kMargin, y, width() - 2 * kMargin, rowHeight()), text, faint, false};
        y += rowHeight();
    };
    if (m_timeline.deliveries.isEmpty()) {
        note(tr("No CRM delivery: no sink wants this call's events."));
        return y;
    }
    const double top = y;
    for (int i = 0; i < m_timeline.attempts.size(); ++i) {
        const TimelineAttempt &a = m_timeline.attempts.at(i);
        const QColor color = attemptColor(a.result());
        const double sx = m_axis.x(a.startedAt);
        const double ex = m_axis.x(a.startedAt + a.durationMs.value_or(0));
        Marker &m = addRow(MarkerKind::Attempt, i, Shape::Circle, sx, color, y);
        // The latency as a bar from the request to the answer.
        m_bars << Bar{QRectF(sx, m.rect.center().y() - 3, std::max(0.0, ex - sx), 6), withAlpha(color, 150), false};
        m.toolTip = TimelineText::attemptDetail(a, m_timeline.delivery(a.deliveryId), ref);
        labelRow(m, tr("%1 · %2 · %3").arg(a.sink, TimelineText::eventName(a.eventType), TimelineText::attemptSummary(a)),
                 a.result() == TimelineAttempt::Result::Success ? ink : color, sx, ex);
    }
    for (int i = 0; i < m_timeline.deliveries.size(); ++i) {
        const TimelineDelivery &d = m_timeline.deliveries.at(i);
        if (!d.waiting() || !d.nextAttemptAt)
            continue;
        const double x = m_axis.x(*d.nextAttemptAt);
        Marker &m = addRow(MarkerKind::Scheduled, i, Shape::Ring, x, kNoAnswer, y);
        m.toolTip = TimelineText::scheduledDetail(d, ref);
        labelRow(m, tr("%1 · %2 · next attempt").arg(d.sink, TimelineText::eventName(d.eventType)), faint, x, x);
    }
    if (y == top)
        note(tr("No CRM attempt yet."));
    return y;
}

double CallTimelineView::layoutLegend(double y)
{
    const QFontMetricsF fm(font());
    const QColor ink = palette().color(QPalette::Text);
    const struct
    {
        Shape shape;
        QColor color;
        QString text;
    } items[] = {
        {Shape::Diamond, ink, tr("call event")},
        {Shape::Bar, kRing, tr("ring")},
        {Shape::Bar, kTalk, tr("talk")},
        {Shape::Circle, ink, tr("received")},
        {Shape::Square, kDuplicate, tr("duplicate")},
        {Shape::Triangle, kOutOfOrder, tr("out of order")},
        {Shape::Circle, kSuccess, tr("CRM 2xx")},
        {Shape::Circle, kFailure, tr("CRM 4xx/5xx")},
        {Shape::Circle, kNoAnswer, tr("no answer")},
        {Shape::Ring, kNoAnswer, tr("next attempt")},
    };
    const double lineH = fm.height() + 6;
    double x = kMargin;
    for (const auto &item : items) {
        const double w = kMarkerSize + 5 + fm.horizontalAdvance(item.text) + 14;
        if (x + w > width() - kMargin && x > kMargin) {
            x = kMargin;
            y += lineH;
        }
        const double cy = y + lineH / 2;
        LegendItem li;
        li.shape = item.shape;
        li.color = item.color;
        li.label = item.text;
        li.swatch = item.shape == Shape::Bar ? QRectF(x, cy - 4, kMarkerSize + 2, 8)
                                             : QRectF(x, cy - kMarkerSize / 2, kMarkerSize, kMarkerSize);
        li.text = QRectF(x + kMarkerSize + 5, y, fm.horizontalAdvance(item.text) + 2, lineH);
        m_legend << li;
        x += w;
    }
    return y + lineH;
}

void CallTimelineView::paintEvent(QPaintEvent *)
{
    ensureLayout();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QColor ink = palette().color(QPalette::Text);
    const QColor faint = palette().color(QPalette::PlaceholderText);

    if (!m_hasTimeline) {
        p.setPen(faint);
        p.drawText(rect().adjusted(int(kMargin), 0, -int(kMargin), 0), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }

    if (!m_banner.isNull()) {
        p.setPen(QPen(kFailure, 1));
        p.setBrush(withAlpha(kFailure, 40));
        p.drawRoundedRect(m_banner, 4, 4);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(ink);
        p.drawText(m_banner.adjusted(12, 0, -12, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   QStringLiteral("⚠  ") + bannerText() + QStringLiteral("  ·  ")
                       + tr("not received from the provider (yet)"));
        p.setFont(font());
    }

    // Cut-out stretches: a hatched band through every lane, the skipped span named on the axis.
    for (const TimelineAxis::Break &b : m_axis.breaks()) {
        const QRectF band(b.left + 4, m_gridTop - 4, b.right - b.left - 8, m_gridBottom - m_gridTop + 4);
        p.fillRect(band, QBrush(withAlpha(faint, 60), Qt::BDiagPattern));
        p.setPen(faint);
        const double c = (b.left + b.right) / 2;
        p.drawText(QRectF(c - b.labelWidth / 2 - 2, m_gridTop - QFontMetricsF(font()).height() - 4, b.labelWidth + 4,
                          QFontMetricsF(font()).height()),
                   Qt::AlignCenter, b.label);
    }
    // Grid and axis.
    p.setPen(QPen(withAlpha(ink, 28), 1));
    for (const TimelineAxis::Tick &t : m_axis.ticks())
        p.drawLine(QPointF(t.x, m_axisY), QPointF(t.x, m_gridBottom));
    p.setPen(QPen(withAlpha(ink, 150), 1));
    for (const TimelineAxis::Segment &s : m_axis.segments())
        p.drawLine(QPointF(s.left, m_axisY), QPointF(s.right, m_axisY));
    const double fh = QFontMetricsF(font()).height();
    for (const TimelineAxis::Tick &t : m_axis.ticks()) {
        p.drawLine(QPointF(t.x, m_axisY - 3), QPointF(t.x, m_axisY + 3));
        if (!t.label.isEmpty())
            p.drawText(QRectF(t.x - 60, m_axisY - fh - 4, 120, fh), Qt::AlignHCenter | Qt::AlignBottom, t.label);
    }

    for (const Bar &b : std::as_const(m_bars)) {
        if (b.open) {
            p.setPen(QPen(b.color, 1.5, Qt::DashLine));
            p.setBrush(withAlpha(b.color, 50));
            p.drawRoundedRect(b.rect, 2, 2);
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(b.color);
            p.drawRoundedRect(b.rect, 2, 2);
        }
    }
    for (const Line &l : std::as_const(m_lines)) {
        p.setPen(QPen(l.color, l.width, l.style));
        p.drawLine(l.from, l.to);
    }
    for (const Marker &m : std::as_const(m_markers)) {
        if (m.kind != MarkerKind::Segment)
            paintShape(p, m.shape, m.rect, m.color, m.outline);
    }
    for (const Label &l : std::as_const(m_labels)) {
        QFont f = font();
        f.setBold(l.bold);
        p.setFont(f);
        if (l.opaque)
            p.fillRect(l.rect.adjusted(-3, 1, 3, -1), palette().base());
        p.setPen(l.color);
        p.drawText(l.rect, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine,
                   QFontMetricsF(f).elidedText(l.text, Qt::ElideRight, l.rect.width() + 1));
    }
    p.setFont(font());
    for (const LegendItem &li : std::as_const(m_legend)) {
        paintShape(p, li.shape, li.swatch, li.color, {});
        p.setPen(faint);
        p.drawText(li.text, Qt::AlignVCenter | Qt::AlignLeft, li.label);
    }
    if (hasFocus() && m_focused >= 0 && m_focused < m_markers.size()) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 1.5, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(m_markers.at(m_focused).hitRect.adjusted(-2, -1, 2, 1), 3, 3);
    }
}

bool CallTimelineView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(e);
        if (const Marker *m = markerAt(help->pos()))
            QToolTip::showText(help->globalPos(), m->toolTip, this, m->hitRect.toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

void CallTimelineView::resizeEvent(QResizeEvent *e)
{
    m_dirty = true;
    QWidget::resizeEvent(e);
}

void CallTimelineView::changeEvent(QEvent *e)
{
    switch (e->type()) {
    case QEvent::FontChange:
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
    case QEvent::LanguageChange:
        m_dirty = true;
        updateGeometry();
        update();
        break;
    default:
        break;
    }
    QWidget::changeEvent(e);
}

void CallTimelineView::mouseMoveEvent(QMouseEvent *e)
{
    const Marker *m = markerAt(e->position());
    if (m && m->kind == MarkerKind::Receipt)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    QWidget::mouseMoveEvent(e);
}

void CallTimelineView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() == Qt::LeftButton) {
        if (const Marker *m = markerAt(e->position())) {
            setFocusedMarker(int(m - m_markers.constData()));
            if (m->kind == MarkerKind::Receipt) {
                Q_EMIT payloadRequested(m->eventId);
                return;
            }
        }
    }
    QWidget::mousePressEvent(e);
}

void CallTimelineView::keyPressEvent(QKeyEvent *e)
{
    ensureLayout();
    const int n = int(m_markers.size());
    switch (e->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
        if (n > 0)
            setFocusedMarker(m_focused < 0 ? 0 : std::min(n - 1, m_focused + 1));
        return;
    case Qt::Key_Left:
    case Qt::Key_Up:
        if (n > 0)
            setFocusedMarker(m_focused < 0 ? 0 : std::max(0, m_focused - 1));
        return;
    case Qt::Key_Home:
        if (n > 0)
            setFocusedMarker(0);
        return;
    case Qt::Key_End:
        if (n > 0)
            setFocusedMarker(n - 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_focused >= 0 && m_markers.at(m_focused).kind == MarkerKind::Receipt) {
            Q_EMIT payloadRequested(m_markers.at(m_focused).eventId);
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(e);
}

void CallTimelineView::focusInEvent(QFocusEvent *e)
{
    update();
    QWidget::focusInEvent(e);
}

void CallTimelineView::focusOutEvent(QFocusEvent *e)
{
    update();
    QWidget::focusOutEvent(e);
}

void CallTimelineView::setFocusedMarker(int index)
{
    m_focused = index;
    update();
    if (index < 0 || index >= m_markers.size())
        return;
    const Marker &m = m_markers.at(index);
    // Keyboard users get the same words the mouse's tooltip gives.
    if (hasFocus())
        QToolTip::showText(mapToGlobal(m.hitRect.bottomLeft().toPoint()), m.toolTip, this);
}

} // namespace ringside
