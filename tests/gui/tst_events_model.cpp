#include "failures_fixture.h"
#include "models/events_model.h"
#include "models/query_runner.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace ringside;
using namespace ringside::test;

using Kind = EventLogRow::Kind;

namespace {

constexpr int kCalls = 60;      // two events each
constexpr int kDuplicates = 10;
constexpr int kUnprocessable = 3;
constexpr int kRejected = 2;
constexpr int kTotal = 2 * kCalls + kDuplicates + kUnprocessable + kRejected;

int countKind(const EventsModel &model, Kind kind)
{
    int n = 0;
    for (int i = 0; i < model.rowCount(); ++i)
        n += model.row(i).kind == kind;
    return n;
}

} // namespace

class TestEventsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mergesEveryKindNewestFirst();
    void filtersByKind_data();
    void filtersByKind();
    void loadsDetailSeparately();
    void refreshPutsNewArrivalsOnTop();

private:
    std::unique_ptr<EventsModel> model(EventsFilter::Kinds kinds = EventsFilter::Kinds(0xF));

    FailuresFixture m_store;
    std::unique_ptr<QueryRunner> m_runner;
};

void TestEventsModel::initTestCase()
{
    QString error;
    QVERIFY2(m_store.start(&error), qPrintable(error));
    // Interleaved in time, so that a page has to merge all three tables.
    for (int i = 0; i < kCalls; ++i) {
        const QString call = QStringLiteral("ev-%1").arg(i);
        QCOMPARE(m_store.write(call, EventType::Initiated).outcome, WriteResult::Outcome::Accepted);
        QCOMPARE(m_store.write(call, EventType::Completed).outcome, WriteResult::Outcome::Accepted);
        if (i % 6 == 0)
            QCOMPARE(m_store.write(call, EventType::Completed).outcome, WriteResult::Outcome::Duplicate);
        if (i % 20 == 5)
            QCOMPARE(m_store.writeUnprocessable("{\"event\": \"call.initiated\"" + QByteArray::number(i),
                                                QStringLiteral("payload is not JSON")).outcome,
                     WriteResult::Outcome::Accepted);
        if (i % 30 == 7)
            m_store.reject(401, "bad_token", "{\"call_uuid\":\"" + call.toUtf8() + "\"}");
    }
    QCOMPARE(m_store.scalar(QStringLiteral("SELECT count(*) FROM event_receipts")), kDuplicates);
    QCOMPARE(m_store.scalar(QStringLiteral("SELECT count(*) FROM rejected_requests")), kRejected);
    m_runner = std::make_unique<QueryRunner>(m_store.path());
}

std::unique_ptr<EventsModel> TestEventsModel::model(EventsFilter::Kinds kinds)
{
    auto m = std::make_unique<EventsModel>(*m_runner);
    new QAbstractItemModelTester(m.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m.get());
    QSignalSpy loaded(m.get(), &EventsModel::loaded);
    EventsFilter f;
    f.kinds = kinds;
    m->setFilter(f);
    if (!loaded.wait(10000))
        return nullptr;
    return m;
}

void TestEventsModel::mergesEveryKindNewestFirst()
{
    auto m = model();
    QVERIFY(m);
    QVERIFY(m->rowCount() >= EventsModel::kPageSize);
    QVERIFY(loadAll(*m, *m_runner));
    QCOMPARE(m->rowCount(), kTotal);
    QSet<QPair<int, qint64>> seen;
    for (int i = 0; i < m->rowCount(); ++i) {
        const EventLogRow &r = m->row(i);
        QVERIFY2(!seen.contains({int(r.kind), r.id}), "a row appears twice across pages");
        seen.insert({int(r.kind), r.id});
        if (i > 0)
            QVERIFY(m->row(i - 1).receivedAt >= r.receivedAt);
    }
    QCOMPARE(countKind(*m, Kind::Accepted), 2 * kCalls);
    QCOMPARE(countKind(*m, Kind::Duplicate), kDuplicates);
    QCOMPARE(countKind(*m, Kind::Unprocessable), kUnprocessable);
    QCOMPARE(countKind(*m, Kind::Rejected), kRejected);

    for (int i = 0; i < m->rowCount(); ++i) {
        const EventLogRow &r = m->row(i);
        const QString why = m->data(m->index(i, EventsModel::Why)).toString();
        switch (r.kind) {
        case Kind::Rejected:
            QCOMPARE(r.httpStatus, 401);
            QCOMPARE(why, QStringLiteral("Wrong token (bad_token): POST /webhooks/unlimcall from 127.0.0.1"));
            QCOMPARE(m->data(m->index(i, EventsModel::Kind)).toString(), QStringLiteral("Rejected"));
            break;
        case Kind::Unprocessable:
            QCOMPARE(why, QStringLiteral("payload is not JSON"));
            QCOMPARE(r.httpStatus, 200);
            break;
        case Kind::Duplicate:
            QCOMPARE(r.event, QStringLiteral("call.completed"));
            QVERIFY(why.contains(QString::number(r.eventId)));
            break;
        case Kind::Accepted:
            QVERIFY(why.isEmpty());
            QVERIFY(r.callUuid.startsWith(QLatin1String("ev-")));
            break;
        }
    }
}

void TestEventsModel::filtersByKind_data()
{
    QTest::addColumn<int>("kinds");
    QTest::addColumn<int>("expected");
    QTest::newRow("accepted") << int(Kind::Accepted) << 2 * kCalls;
    QTest::newRow("duplicates") << int(Kind::Duplicate) << kDuplicates;
    QTest::newRow("unprocessable") << int(Kind::Unprocessable) << kUnprocessable;
    QTest::newRow("rejected") << int(Kind::Rejected) << kRejected;
    QTest::newRow("problems") << (int(Kind::Unprocessable) | int(Kind::Rejected)) << kUnprocessable + kRejected;
}

void TestEventsModel::filtersByKind()
{
    QFETCH(int, kinds);
    QFETCH(int, expected);
    auto m = model(EventsFilter::Kinds::fromInt(kinds));
    QVERIFY(m);
    QVERIFY(loadAll(*m, *m_runner));
    QCOMPARE(m->rowCount(), expected);
    for (int i = 0; i < m->rowCount(); ++i)
        QVERIFY(kinds & int(m->row(i).kind));
}

void TestEventsModel::loadsDetailSeparately()
{
    auto m = model(EventsFilter::Kinds(0xF));
    QVERIFY(m);
    QVERIFY(loadAll(*m, *m_runner));
    QSignalSpy details(m.get(), &EventsModel::detailLoaded);
    auto detailOf = [&](Kind kind) -> std::optional<EventLogDetail> {
        for (int i = 0; i < m->rowCount(); ++i) {
            if (m->row(i).kind != kind)
                continue;
            m->requestDetail(i);
            if (!details.wait())
                return std::nullopt;
            const auto args = details.takeLast();
            if (!(args.at(0).value<EventLogRow>() == m->row(i)) || !args.at(2).toString().isEmpty())
                return std::nullopt;
            return args.at(1).value<EventLogDetail>();
        }
        return std::nullopt;
    };

    const auto rejected = detailOf(Kind::Rejected);
    QVERIFY(rejected);
    QVERIFY(rejected->headers.contains(QLatin1String("authorization: [redacted]")));
    QVERIFY(!rejected->headers.contains(QLatin1String("wrong")));
    QVERIFY(rejected->body.startsWith("{\"call_uuid\":\"ev-"));
    QCOMPARE(rejected->contentType, QStringLiteral("application/json"));

    const auto unprocessable = detailOf(Kind::Unprocessable);
    QVERIFY(unprocessable);
    QVERIFY(unprocessable->body.startsWith("{\"event\": \"call.initiated\""));
    QCOMPARE(unprocessable->receipts, 1);

    const auto duplicate = detailOf(Kind::Duplicate);
    QVERIFY(duplicate);
    QCOMPARE(duplicate->receipts, 2);
    QVERIFY(duplicate->dedupKey.endsWith(QLatin1String(":call.completed")));
    QVERIFY(duplicate->body.contains("call.completed"));
}

void TestEventsModel::refreshPutsNewArrivalsOnTop()
{
    auto m = model();
    QVERIFY(m);
    QVERIFY(settle(*m_runner));
    const int before = m->rowCount();
    const EventLogRow top = m->row(0);
    const QPersistentModelIndex kept(m->index(5, 0));
    const EventLogRow keptRow = m->row(5);
    QSignalSpy resets(m.get(), &QAbstractItemModel::modelReset);

    QCOMPARE(m_store.write(QStringLiteral("fresh"), EventType::Initiated).outcome, WriteResult::Outcome::Accepted);
    m_store.reject(413, "body_too_large", QByteArray(2000, 'x'));
    QCOMPARE(m_store.write(QStringLiteral("fresh"), EventType::Initiated).outcome, WriteResult::Outcome::Duplicate);

    m->refresh();
    QVERIFY(settle(*m_runner));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(m->rowCount(), before + 3);
    QCOMPARE(m->row(0).kind, Kind::Duplicate);
    QCOMPARE(m->row(1).kind, Kind::Rejected);
    QCOMPARE(m->row(1).reason, QStringLiteral("body_too_large"));
    QCOMPARE(m->row(2).kind, Kind::Accepted);
    QCOMPARE(m->row(3), top);
    QCOMPARE(m->row(kept.row()), keptRow);

    // A refresh with nothing new changes nothing.
    m->refresh();
    QVERIFY(settle(*m_runner));
    QCOMPARE(m->rowCount(), before + 3);

    // The rejected sample keeps the first KiB only, and says so.
    QSignalSpy details(m.get(), &EventsModel::detailLoaded);
    m->requestDetail(1);
    QVERIFY(details.wait());
    const auto detail = details.last().at(1).value<EventLogDetail>();
    QCOMPARE(detail.body.size(), 1024);
    QVERIFY(detail.bodyTruncated);
}

QTEST_MAIN(TestEventsModel)
#include "tst_events_model.moc"
