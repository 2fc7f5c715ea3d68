#include "tst_call_timeline_fixture.h"
#include "ui/call_timeline_view.h"

#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace ringside;
using namespace ringside::test;

using Kind = CallTimelineView::MarkerKind;
using Shape = CallTimelineView::Shape;

namespace {
bool near(const QColor &a, const QColor &b, int tolerance = 48)
{
    return qAbs(a.red() - b.red()) <= tolerance && qAbs(a.green() - b.green()) <= tolerance
        && qAbs(a.blue() - b.blue()) <= tolerance;
}
} // namespace

class TestCallTimelineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void drawsEveryMarkerWhereItSays();
    void marksDuplicatesAndLateArrivalsApart();
    void ringAndTalkBarsCarryTheirDurations();
    void attemptsAreColouredByStatus();
    void tooltipsExplainWhatIsUnderTheMouse();
    void clickingAReceiptAsksForItsPayload();
    void keyboardReachesThePayloadToo();
    void incompleteCallShowsWhatIsMissing();
    void scalesWithTheWidth();
    void coversBothClocks();
    void aRetryHoursLaterIsCutOut();
    void clearShowsAMessage();
    void readsInADarkTheme();

private:
    QImage render(const QString &pngName);
    QList<CallTimelineView::Marker> markers(Kind kind) const;

    TimelineFixture m_store;
    std::unique_ptr<CallTimelineView> m_view;
};

QImage TestCallTimelineView::render(const QString &pngName)
{
    m_view->resize(m_view->width(), m_view->sizeHint().height());
    const QImage image = m_view->grab().toImage();
    // Kept for a person to look at: /tmp/ringside_timeline_*.png
    image.save(QStringLiteral("/tmp/ringside_timeline_%1.png").arg(pngName));
    return image;
}

QList<CallTimelineView::Marker> TestCallTimelineView::markers(Kind kind) const
{
    QList<CallTimelineView::Marker> found;
    for (const CallTimelineView::Marker &m : m_view->markers()) {
        if (m.kind == kind)
            found << m;
    }
    return found;
}

void TestCallTimelineView::initTestCase()
{
    QString error;
    QVERIFY2(m_store.start(&error), qPrintable(error));
    QVERIFY(m_store.buildOutOfOrderCall(QStringLiteral("call-ooo")));
    QVERIFY(m_store.buildIncompleteCall(QStringLiteral("call-open")));
    // The provider's clock an hour ahead of ours.
    TimelineFixture::CallTimes skewed;
    skewed.initiated += 3600'000;
    *skewed.answered += 3600'000;
    skewed.ended += 3600'000;
    const qint64 t = TimelineFixture::kT0 + 200'000;
    QVERIFY(m_store.receive(QStringLiteral("call-skew"), EventType::Initiated, t, skewed).eventId > 0);
    QVERIFY(m_store.receive(QStringLiteral("call-skew"), EventType::Answered, t + 5000, skewed).eventId > 0);
    QVERIFY(m_store.receive(QStringLiteral("call-skew"), EventType::Completed, t + 65000, skewed).eventId > 0);
}

void TestCallTimelineView::init()
{
    m_view = std::make_unique<CallTimelineView>();
    m_view->resize(900, 600);
    m_view->setTimeline(m_store.timeline(QStringLiteral("call-ooo")));
}

void TestCallTimelineView::drawsEveryMarkerWhereItSays()
{
    const QImage image = render(QStringLiteral("out_of_order"));
    QCOMPARE(markers(Kind::Milestone).size(), 3);
    QCOMPARE(markers(Kind::Receipt).size(), 4);
    QCOMPARE(markers(Kind::Attempt).size(), 2);
    QCOMPARE(markers(Kind::Scheduled).size(), 2);
    for (const CallTimelineView::Marker &m : m_view->markers()) {
        QVERIFY(m.rect.left() >= 0 && m.rect.right() <= m_view->width());
        QVERIFY(m.rect.top() >= 0 && m.rect.bottom() <= image.height());
        QVERIFY2(!m.toolTip.isEmpty(), qPrintable(QString::number(int(m.kind))));
        if (m.shape == Shape::Ring)
            continue; // hollow
        const QColor pixel = image.pixelColor(m.rect.center().toPoint() * image.devicePixelRatio());
        QVERIFY2(near(pixel, m.color), qPrintable(QStringLiteral("%1 at (%2, %3): %4, drawn in %5")
                                                    .arg(int(m.kind))
                                                    .arg(m.rect.center().x())
                                                    .arg(m.rect.center().y())
                                                    .arg(pixel.name(), m.color.name())));
    }
    // The call's events in time order, below them the receipts, then the CRM.
    const auto milestones = markers(Kind::Milestone);
    QVERIFY(milestones[0].rect.center().x() < milestones[1].rect.center().x());
    QVERIFY(milestones[1].rect.center().x() < milestones[2].rect.center().x());
    QVERIFY(milestones[0].rect.top() < markers(Kind::Receipt).first().rect.top());
    QVERIFY(markers(Kind::Receipt).last().rect.top() < markers(Kind::Attempt).first().rect.top());
    QVERIFY(m_view->bannerText().isEmpty());
}

void TestCallTimelineView::marksDuplicatesAndLateArrivalsApart()
{
    const auto receipts = markers(Kind::Receipt);
    // completed (first, in order), initiated (late), answered (late), initiated again (duplicate).
    QCOMPARE(receipts[0].shape, Shape::Circle);
    QCOMPARE(receipts[1].shape, Shape::Triangle);
    QCOMPARE(receipts[2].shape, Shape::Triangle);
    QCOMPARE(receipts[3].shape, Shape::Square);
    QVERIFY(receipts[1].color != receipts[0].color);
    QVERIFY(receipts[3].color != receipts[1].color);
    QVERIFY(receipts[3].outline.isValid()); // a duplicate that is also late says both
    // Each receipt sits at its receipt time: later receipts further right.
    for (int i = 1; i < receipts.size(); ++i)
        QVERIFY(receipts[i].rect.center().x() > receipts[i - 1].rect.center().x());
}

void TestCallTimelineView::ringAndTalkBarsCarryTheirDurations()
{
    const auto bars = markers(Kind::Segment);
    QCOMPARE(bars.size(), 2);
    QVERIFY(bars[0].toolTip.contains(QStringLiteral("Ring time 5.0 s")));
    QVERIFY(bars[1].toolTip.contains(QStringLiteral("Talk time 1 min 00 s")));
    // Ring runs initiated → answered, talk answered → completed.
    const auto milestones = markers(Kind::Milestone);
    QVERIFY(qAbs(bars[0].rect.left() - milestones[0].rect.center().x()) < 1);
    QVERIFY(qAbs(bars[0].rect.right() - milestones[1].rect.center().x()) < 1);
    QVERIFY(qAbs(bars[1].rect.right() - milestones[2].rect.center().x()) < 1);
    QVERIFY(bars[1].rect.width() > 10 * bars[0].rect.width());
    const QImage image = render(QStringLiteral("out_of_order"));
    QVERIFY(near(image.pixelColor(bars[0].rect.center().toPoint()), bars[0].color));
    QVERIFY(near(image.pixelColor(QPoint(int(bars[1].rect.left() + bars[1].rect.width() / 4), int(bars[1].rect.center().y()))),
                 bars[1].color));
}

void TestCallTimelineView::attemptsAreColouredByStatus()
{
    const auto attempts = markers(Kind::Attempt);
    QCOMPARE(attempts.size(), 2);
    const QColor failed = attempts[0].color, ok = attempts[1].color;
    QVERIFY(failed.red() > 180 && failed.green() < 100);
    QVERIFY(ok.green() > 150 && ok.red() < 100);
    QVERIFY(attempts[0].toolTip.contains(QStringLiteral("HTTP 503 · 230 ms")));
    QVERIFY(attempts[0].toolTip.contains(QStringLiteral("CRM said: upstream unavailable")));
    QVERIFY(attempts[1].toolTip.contains(QStringLiteral("Delivery now: delivered")));
    const auto planned = markers(Kind::Scheduled);
    QVERIFY(planned[0].toolTip.contains(QStringLiteral("Next attempt:")));
}

void TestCallTimelineView::tooltipsExplainWhatIsUnderTheMouse()
{
    const auto receipts = markers(Kind::Receipt);
    QVERIFY(m_view->toolTipAt(receipts[1].rect.center().toPoint())
                .contains(QStringLiteral("Out of order: arrived after call.completed")));
    QVERIFY(m_view->toolTipAt(receipts[3].rect.center().toPoint()).contains(QStringLiteral("received again")));
    QVERIFY(m_view->toolTipAt(receipts[3].rect.center().toPoint()).contains(QStringLiteral("Event time: ")));
    // The label next to a marker finds it too.
    QVERIFY(m_view->toolTipAt(QPoint(int(receipts[0].hitRect.right()) - 3, int(receipts[0].rect.center().y())))
                .contains(QStringLiteral("call.completed received and stored")));
    QVERIFY(m_view->toolTipAt(QPoint(2, 2)).isEmpty());

    // The real tooltip event shows the same words.
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    const QPoint at = markers(Kind::Milestone)[1].rect.center().toPoint();
    QHelpEvent help(QEvent::ToolTip, at, m_view->mapToGlobal(at));
    QApplication::sendEvent(m_view.get(), &help);
    QVERIFY2(QToolTip::text().contains(QStringLiteral("call.answered at")), qPrintable(QToolTip::text()));
    QToolTip::hideText();
}

void TestCallTimelineView::clickingAReceiptAsksForItsPayload()
{
    QSignalSpy requested(m_view.get(), &CallTimelineView::payloadRequested);
    const auto receipts = markers(Kind::Receipt);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, receipts[3].rect.center().toPoint());
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toLongLong(), m_view->timeline().receipts[3].eventId);
    // Attempts have no payload to open.
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, markers(Kind::Attempt)[0].rect.center().toPoint());
    QCOMPARE(requested.size(), 1);
}

void TestCallTimelineView::keyboardReachesThePayloadToo()
{
    QSignalSpy requested(m_view.get(), &CallTimelineView::payloadRequested);
    int firstReceipt = -1;
    for (int i = 0; i < m_view->markers().size() && firstReceipt < 0; ++i) {
        if (m_view->markers()[i].kind == Kind::Receipt)
            firstReceipt = i;
    }
    QVERIFY(firstReceipt > 0);
    QTest::keyClick(m_view.get(), Qt::Key_Home);
    for (int i = 0; i < firstReceipt; ++i)
        QTest::keyClick(m_view.get(), Qt::Key_Right);
    QTest::keyClick(m_view.get(), Qt::Key_Return);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toLongLong(), m_view->timeline().receipts[0].eventId);
}

void TestCallTimelineView::incompleteCallShowsWhatIsMissing()
{
    m_view->setTimeline(m_store.timeline(QStringLiteral("call-open")));
    QCOMPARE(m_view->bannerText(), QStringLiteral("Missing: call.answered, call.completed"));
    const QImage image = render(QStringLiteral("incomplete"));
    const QRectF banner = m_view->bannerRect();
    QVERIFY(banner.width() > 800);
    // The banner is tinted red against the white base.
    const QColor tint = image.pixelColor(QPoint(int(banner.right()) - 6, int(banner.center().y())));
    QVERIFY2(tint.red() > tint.green() + 15, qPrintable(tint.name()));
    QCOMPARE(markers(Kind::Milestone).size(), 1);
    QCOMPARE(markers(Kind::Receipt).size(), 1);
    // Everything else sits below the banner.
    for (const CallTimelineView::Marker &m : m_view->markers())
        QVERIFY(m.rect.top() > banner.bottom());
}

void TestCallTimelineView::scalesWithTheWidth()
{
    const double narrow = markers(Kind::Milestone)[2].rect.center().x() - markers(Kind::Milestone)[0].rect.center().x();
    m_view->resize(1500, m_view->height());
    const double wide = markers(Kind::Milestone)[2].rect.center().x() - markers(Kind::Milestone)[0].rect.center().x();
    QVERIFY2(wide > narrow * 1.5, qPrintable(QStringLiteral("%1 -> %2").arg(narrow).arg(wide)));
    for (const CallTimelineView::Marker &m : m_view->markers())
        QVERIFY(m.hitRect.right() <= 1500);
    render(QStringLiteral("wide"));
    m_view->resize(480, m_view->height());
    for (const CallTimelineView::Marker &m : m_view->markers())
        QVERIFY(m.rect.left() >= 0 && m.rect.right() <= 480);
    render(QStringLiteral("narrow"));
}

void TestCallTimelineView::coversBothClocks()
{
    m_view->setTimeline(m_store.timeline(QStringLiteral("call-skew")));
    render(QStringLiteral("skewed_clocks"));
    // An hour between the provider's clock and ours: cut out, so the call stays readable.
    QCOMPARE(m_view->axis().segments().size(), 2);
    const auto milestones = markers(Kind::Milestone);
    const auto receipts = markers(Kind::Receipt);
    QCOMPARE(milestones.size(), 3);
    for (const CallTimelineView::Marker &m : m_view->markers())
        QVERIFY(m.rect.left() >= 0 && m.rect.right() <= m_view->width());
    QVERIFY(milestones[2].rect.center().x() - milestones[0].rect.center().x() > 200);
    QVERIFY(receipts[2].rect.center().x() - receipts[0].rect.center().x() > 200);
    QVERIFY(receipts[0].toolTip.contains(QStringLiteral("before the event time: the clocks differ")));
}

void TestCallTimelineView::aRetryHoursLaterIsCutOut()
{
    // A provider retry storm, and a CRM write that only went through two hours later.
    const QString uuid = QStringLiteral("call-late");
    const qint64 t = TimelineFixture::kT0 + 400'000, s = TimelineFixture::kSecond;
    TimelineFixture::CallTimes times;
    times.initiated = t - 40 * s;
    times.answered = t - 30 * s;
    times.ended = t - 1 * s;
    QVERIFY(m_store.receive(uuid, EventType::Initiated, t - 40 * s + 150, times).eventId > 0);
    QVERIFY(m_store.receive(uuid, EventType::Answered, t - 30 * s + 120, times).eventId > 0);
    QVERIFY(m_store.receive(uuid, EventType::Completed, t, times).eventId > 0);
    for (int i = 1; i <= 6; ++i)
        QVERIFY(m_store.receive(uuid, EventType::Completed, t + i * 700, times).outcome == WriteResult::Outcome::Duplicate);
    QVERIFY(m_store.attempt(uuid, t - 40 * s + 300, 200, 95));
    QVERIFY(m_store.attempt(uuid, t - 30 * s + 300, 200, 88));
    QVERIFY(m_store.attempt(uuid, t + 200, 0, 10'000, QStringLiteral("timed out")));
    QVERIFY(m_store.attempt(uuid, t + 2 * 3600 * s, 200, 140));
    m_view->setTimeline(m_store.timeline(uuid));
    render(QStringLiteral("late_retry"));

    QCOMPARE(m_view->axis().breaks().size(), 1);
    QCOMPARE(markers(Kind::Receipt).size(), 9);
    const auto attempts = markers(Kind::Attempt);
    QCOMPARE(attempts.size(), 4);
    QVERIFY(attempts[2].color.hsvSaturation() < 60); // no answer: grey
    QVERIFY(attempts[2].toolTip.contains(QStringLiteral("timed out")));
    for (const CallTimelineView::Marker &m : m_view->markers())
        QVERIFY(m.rect.left() >= 0 && m.rect.right() <= m_view->width());
    // The call keeps its width; the two hours are a gap, not 99 % of the axis.
    const auto bars = markers(Kind::Segment);
    QCOMPARE(bars.size(), 2);
    QVERIFY(bars[0].rect.width() + bars[1].rect.width() > 500);
    QVERIFY(attempts[3].rect.center().x() > attempts[2].rect.center().x() + TimelineAxis::kBreakPx);
}

void TestCallTimelineView::clearShowsAMessage()
{
    m_view->clear(QStringLiteral("Loading…"));
    QVERIFY(!m_view->hasTimeline());
    QVERIFY(m_view->markers().isEmpty());
    QCOMPARE(m_view->message(), QStringLiteral("Loading…"));
    QVERIFY(m_view->toolTipAt(QPoint(450, 40)).isEmpty());
    render(QStringLiteral("empty"));
}

void TestCallTimelineView::readsInADarkTheme()
{
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    m_view->setPalette(dark);
    const QImage image = render(QStringLiteral("dark"));
    QVERIFY(image.pixelColor(2, 2).lightness() < 60);
    const auto receipts = markers(Kind::Receipt);
    QVERIFY(image.pixelColor(receipts[0].rect.center().toPoint()).lightness() > 180);
}

QTEST_MAIN(TestCallTimelineView)
#include "tst_call_timeline_view.moc"
