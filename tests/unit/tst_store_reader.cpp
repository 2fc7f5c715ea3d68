#include "core/clock.h"
#include "store/event_writer.h"
#include "store/store_reader.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

class TestStoreReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exportsCallsAsJsonLines();
    void exportsCallsAsCsv();
    void exportsEventsWithDuplicateReceipts();
    void findsIncompleteCalls();
    void refusesAMissingDatabase();

private:
    void write(const QString &uuid, EventType type, qint64 receivedAt, const QString &from = QStringLiteral("+1202"));
    QTemporaryDir m_dir;
    QString m_path;
    ManualClock m_clock;
    std::unique_ptr<EventWriter> m_writer;
};

void TestStoreReader::write(const QString &uuid, EventType type, qint64 receivedAt, const QString &from)
{
    CanonicalEvent e;
    e.type = type;
    e.callUuid = uuid;
    e.provider = QStringLiteral("unlimcall");
    e.from = from;
    IncomingEvent in;
    in.provider = e.provider;
    in.dedupKey = QStringLiteral("unlimcall:%1:%2").arg(uuid, eventTypeName(type));
    in.receivedAt = receivedAt;
    in.event = e;
    in.body = "{\"event\":\"" + eventTypeName(type).toLatin1() + "\"}";
    bool done = false;
    m_writer->submit(in, this, [&done](const WriteResult &) { done = true; });
    QTRY_VERIFY(done);
}

void TestStoreReader::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("r.db"));
    EventWriter::Options options;
    options.path = m_path;
    m_writer = std::make_unique<EventWriter>(options, m_clock);
    QString error;
    QVERIFY2(m_writer->start(&error), qPrintable(error));
    const qint64 hour = 3600 * 1000;
    write(QStringLiteral("done"), EventType::Initiated, 10 * hour);
    write(QStringLiteral("done"), EventType::Completed, 10 * hour + 1);
    write(QStringLiteral("done"), EventType::Completed, 10 * hour + 2); // a retried duplicate
    write(QStringLiteral("stale"), EventType::Initiated, 1 * hour, QStringLiteral("+33 \"quoted\", comma"));
    write(QStringLiteral("fresh"), EventType::Answered, 9 * hour);
}

void TestStoreReader::exportsCallsAsJsonLines()
{
    StoreReader reader;
    QString error;
    QVERIFY2(reader.open(m_path, &error), qPrintable(error));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QVERIFY(reader.exportCalls(StoreReader::Format::JsonLines, out, &error));
    const QList<QByteArray> lines = out.data().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(first.value(QLatin1String("call_uuid")).toString(), QStringLiteral("stale"));
    QCOMPARE(first.value(QLatin1String("completed")).toBool(), false);
    const QJsonObject done = QJsonDocument::fromJson(lines[2]).object();
    QCOMPARE(done.value(QLatin1String("call_uuid")).toString(), QStringLiteral("done"));
    QCOMPARE(done.value(QLatin1String("state")).toString(), QStringLiteral("call.completed"));
}

void TestStoreReader::exportsCallsAsCsv()
{
    StoreReader reader;
    QString error;
    QVERIFY(reader.open(m_path, &error));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QVERIFY(reader.exportCalls(StoreReader::Format::Csv, out, &error));
    const QList<QByteArray> lines = out.data().split('\n');
    QVERIFY(lines[0].startsWith("call_uuid,provider,state,completed,from,to"));
    QVERIFY2(lines[1].startsWith("stale,unlimcall,call.initiated,false,\"+33 \"\"quoted\"\", comma\","),
             lines[1].constData());
}

void TestStoreReader::exportsEventsWithDuplicateReceipts()
{
    StoreReader reader;
    QString error;
    QVERIFY(reader.open(m_path, &error));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QVERIFY(reader.exportEvents(StoreReader::Format::JsonLines, out, &error));
    const QList<QByteArray> lines = out.data().trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    const QJsonObject completed = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(completed.value(QLatin1String("event")).toString(), QStringLiteral("call.completed"));
    QCOMPARE(completed.value(QLatin1String("duplicate_receipts")).toArray().size(), 1);
    QCOMPARE(completed.value(QLatin1String("payload")).toString(), QStringLiteral("{\"event\":\"call.completed\"}"));
}

void TestStoreReader::findsIncompleteCalls()
{
    StoreReader reader;
    QString error;
    QVERIFY(reader.open(m_path, &error));
    const qint64 hour = 3600 * 1000;
    // At 10:00 with a 4 h threshold only the call last heard of at 01:00 is incomplete.
    const QList<CallRecord> calls = reader.incompleteCalls(10 * hour, 4 * hour, 100, &error);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls[0].callUuid, QStringLiteral("stale"));
    QCOMPARE(calls[0].missingEvents(), QStringList({QStringLiteral("call.answered"), QStringLiteral("call.completed")}));
    QCOMPARE(reader.countIncompleteCalls(10 * hour, 4 * hour, &error), 1);
    QCOMPARE(reader.countIncompleteCalls(14 * hour, 4 * hour, &error), 2);
}

void TestStoreReader::refusesAMissingDatabase()
{
    StoreReader reader;
    QString error;
    QVERIFY(!reader.open(m_dir.filePath(QStringLiteral("nope.db")), &error));
    QVERIFY2(error.contains(QLatin1String("no database")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStoreReader)
#include "tst_store_reader.moc"
