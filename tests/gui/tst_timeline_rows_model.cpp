#include "models/timeline_rows_model.h"
#include "tst_call_timeline_fixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

using Kind = TimelineRowsModel::Kind;

class TestTimelineRowsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void oneRowPerEventReceiptAndAttemptInTimeOrder();
    void flagsDuplicatesAndLateArrivals();
    void attemptsSayStatusAndLatency();
    void incompleteCallStartsWithWhatIsMissing();
    void refreshOfTheSameCallInsertsInsteadOfResetting();
    void anotherCallResets();
    void copiesAsTabSeparatedText();

private:
    QList<Kind> kinds() const;
    int rowOf(Kind kind, int nth = 0) const;

    TimelineFixture m_store;
    std::unique_ptr<TimelineRowsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QList<Kind> TestTimelineRowsModel::kinds() const
{
    QList<Kind> k;
    for (int i = 0; i < m_model->rowCount(); ++i)
        k << m_model->index(i, 0).data(TimelineRowsModel::KindRole).value<Kind>();
    return k;
}

int TestTimelineRowsModel::rowOf(Kind kind, int nth) const
{
    const QList<Kind> k = kinds();
    for (int i = 0; i < k.size(); ++i) {
        if (k[i] == kind && nth-- == 0)
            return i;
    }
    return -1;
}

void TestTimelineRowsModel::initTestCase()
{
    QString error;
    QVERIFY2(m_store.start(&error), qPrintable(error));
    QVERIFY(m_store.buildOutOfOrderCall(QStringLiteral("call-ooo")));
    QVERIFY(m_store.buildIncompleteCall(QStringLiteral("call-open")));
}

void TestTimelineRowsModel::init()
{
    m_tester.reset();
    m_model = std::make_unique<TimelineRowsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTimelineRowsModel::oneRowPerEventReceiptAndAttemptInTimeOrder()
{
    m_model->setTimeline(m_store.timeline(QStringLiteral("call-ooo")));
    QCOMPARE(m_model->columnCount(), 3);
    // The provider's event times come first (they happened before we heard of them), then the
    // receipts and attempts as they happened on our clock, then what is planned next.
    QCOMPARE(kinds(), (QList<Kind>{Kind::Milestone, Kind::Milestone, Kind::Milestone, Kind::Receipt, Kind::Attempt,
                                   Kind::Receipt, Kind::Receipt, Kind::Attempt, Kind::Receipt, Kind::Scheduled,
                                   Kind::Scheduled}));
    qint64 last = 0;
    for (int i = 0; i < rowOf(Kind::Scheduled); ++i) {
        const qint64 t = m_model->index(i, 0).data(TimelineRowsModel::TimestampRole).toLongLong();
        QVERIFY(t >= last);
        last = t;
        QVERIFY(!m_model->index(i, TimelineRowsModel::Time).data().toString().isEmpty());
        QVERIFY(!m_model->index(i, TimelineRowsModel::What).data().toString().isEmpty());
    }
    QCOMPARE(m_model->index(0, TimelineRowsModel::What).data().toString(), QStringLiteral("Call initiated"));
    QVERIFY(m_model->index(1, TimelineRowsModel::Detail).data().toString().contains(QStringLiteral("Ring time 5.0 s")));
    QVERIFY(m_model->index(2, TimelineRowsModel::Detail).data().toString().contains(QStringLiteral("Talk time 1 min 00 s")));
    QVERIFY(m_model->index(2, TimelineRowsModel::Detail).data().toString().contains(QStringLiteral("normal_clearing (16, ")));
    QCOMPARE(m_model->headerData(TimelineRowsModel::Detail, Qt::Horizontal).toString(), QStringLiteral("Detail"));
}

void TestTimelineRowsModel::flagsDuplicatesAndLateArrivals()
{
    const CallTimeline t = m_store.timeline(QStringLiteral("call-ooo"));
    m_model->setTimeline(t);
    const int first = rowOf(Kind::Receipt, 0), late = rowOf(Kind::Receipt, 1), dup = rowOf(Kind::Receipt, 3);
    QCOMPARE(m_model->index(first, TimelineRowsModel::What).data().toString(), QStringLiteral("Received call.completed"));
    QCOMPARE(m_model->index(first, 0).data(TimelineRowsModel::ProblemRole).toBool(), false);

    QCOMPARE(m_model->index(late, TimelineRowsModel::What).data().toString(),
             QStringLiteral("Received call.initiated, out of order"));
    QVERIFY(m_model->index(late, TimelineRowsModel::Detail).data().toString().contains(
        QStringLiteral("Out of order: arrived after call.completed")));
    QCOMPARE(m_model->index(late, 0).data(TimelineRowsModel::ProblemRole).toBool(), true);

    QCOMPARE(m_model->index(dup, TimelineRowsModel::What).data().toString(),
             QStringLiteral("Received call.initiated, duplicate, out of order"));
    // A duplicate's payload is its event's: the same id opens it.
    QCOMPARE(m_model->index(dup, 0).data(TimelineRowsModel::EventIdRole).toLongLong(),
             m_model->index(late, 0).data(TimelineRowsModel::EventIdRole).toLongLong());
    QVERIFY(m_model->index(dup, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Dedup key: unlimcall:call-ooo:call.initiated")));
}

void TestTimelineRowsModel::attemptsSayStatusAndLatency()
{
    m_model->setTimeline(m_store.timeline(QStringLiteral("call-ooo")));
    const int failed = rowOf(Kind::Attempt, 0), ok = rowOf(Kind::Attempt, 1);
    QCOMPARE(m_model->index(failed, TimelineRowsModel::What).data().toString(),
             QStringLiteral("CRM call.completed → crm: HTTP 503 · 230 ms"));
    QVERIFY(m_model->index(failed, TimelineRowsModel::Detail).data().toString().contains(QStringLiteral("will be retried")));
    QCOMPARE(m_model->index(failed, 0).data(TimelineRowsModel::ProblemRole).toBool(), true);
    QCOMPARE(m_model->index(ok, TimelineRowsModel::What).data().toString(),
             QStringLiteral("CRM call.completed → crm: HTTP 200 · 120 ms"));
    QCOMPARE(m_model->index(ok, 0).data(TimelineRowsModel::ProblemRole).toBool(), false);
    QVERIFY(m_model->index(ok, 0).data(TimelineRowsModel::DeliveryIdRole).toLongLong() > 0);
    const int next = rowOf(Kind::Scheduled);
    QCOMPARE(m_model->index(next, TimelineRowsModel::What).data().toString(),
             QStringLiteral("Next CRM attempt: call.initiated → crm"));
}

void TestTimelineRowsModel::incompleteCallStartsWithWhatIsMissing()
{
    m_model->setTimeline(m_store.timeline(QStringLiteral("call-open")));
    QCOMPARE(kinds().first(), Kind::Missing);
    QCOMPARE(m_model->index(0, TimelineRowsModel::What).data().toString(),
             QStringLiteral("Missing: call.answered, call.completed"));
    QVERIFY(m_model->index(0, TimelineRowsModel::Time).data().toString().isEmpty());
    QVERIFY(m_model->index(0, 0).data(TimelineRowsModel::TimestampRole).isNull());
    QCOMPARE(m_model->index(0, 0).data(TimelineRowsModel::ProblemRole).toBool(), true);
}

void TestTimelineRowsModel::refreshOfTheSameCallInsertsInsteadOfResetting()
{
    const QString uuid = QStringLiteral("call-grow");
    const qint64 t0 = TimelineFixture::kT0 + 100 * TimelineFixture::kSecond;
    QVERIFY(m_store.receive(uuid, EventType::Initiated, t0).outcome == WriteResult::Outcome::Accepted);
    QVERIFY(m_store.receive(uuid, EventType::Answered, t0 + 1000).outcome == WriteResult::Outcome::Accepted);
    QVERIFY(m_store.receive(uuid, EventType::Completed, t0 + 2000).outcome == WriteResult::Outcome::Accepted);
    m_model->setTimeline(m_store.timeline(uuid));
    const int before = m_model->rowCount();

    // A provider retry and the first CRM attempt come in; the table grows where they belong.
    QVERIFY(m_store.receive(uuid, EventType::Answered, t0 + 3000).outcome == WriteResult::Outcome::Duplicate);
    QVERIFY(m_store.attempt(uuid, t0 + 500, 500, 80));
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setTimeline(m_store.timeline(uuid));
    QCOMPARE(resets.size(), 0);
    QVERIFY(inserts.size() >= 2);
    QCOMPARE(m_model->rowCount(), before + 2); // the duplicate receipt and the attempt...
    QVERIFY(changes.size() >= 1);              // ...and the planned attempt now says "retrying"
    QCOMPARE(kinds().at(rowOf(Kind::Scheduled) - 1), Kind::Receipt);

    // Once every event is delivered the plans go, still without a reset.
    QVERIFY(m_store.attempt(uuid, t0 + 3000, 200, 80));
    QVERIFY(m_store.attempt(uuid, t0 + 3100, 200, 80));
    QVERIFY(m_store.attempt(uuid, t0 + 3200, 200, 80));
    QSignalSpy removals(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->setTimeline(m_store.timeline(uuid));
    QCOMPARE(resets.size(), 0);
    QVERIFY(removals.size() >= 1);
    QCOMPARE(rowOf(Kind::Scheduled), -1);

    // Loading the same state again changes nothing.
    resets.clear();
    inserts.clear();
    changes.clear();
    m_model->setTimeline(m_store.timeline(uuid));
    QCOMPARE(resets.size() + inserts.size() + changes.size(), 0);
}

void TestTimelineRowsModel::anotherCallResets()
{
    m_model->setTimeline(m_store.timeline(QStringLiteral("call-ooo")));
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setTimeline(m_store.timeline(QStringLiteral("call-open")));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(m_model->callUuid(), QStringLiteral("call-open"));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->callUuid().isEmpty());
}

void TestTimelineRowsModel::copiesAsTabSeparatedText()
{
    m_model->setTimeline(m_store.timeline(QStringLiteral("call-ooo")));
    const QStringList lines = m_model->toText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), m_model->rowCount() + 1);
    QCOMPARE(lines.first(), QStringLiteral("Time\tWhat\tDetail"));
    QCOMPARE(lines.at(1).count(QLatin1Char('\t')), 2);
    QVERIFY(lines.at(1).contains(QStringLiteral("Call initiated")));
}

QTEST_GUILESS_MAIN(TestTimelineRowsModel)
#include "tst_timeline_rows_model.moc"
