#include "models/query_runner.h"

#include "core/thread_handoff.h"
#include "store/database.h"
#include "store/store_reader.h"

namespace ringside {

namespace {
constexpr qint64 kMmapBytes = qint64(1) << 30;
}

/** Lives on the query thread and owns the connection, which must be used on that thread only. */
class QueryRunner::Worker : public QObject
{
public:
    explicit Worker(QString path) : m_path(std::move(path)) {}

    StoreReader *reader(QString *error)
    {
        // Opened lazily and retried per job: the engine may create the database after the app starts.
        if (!m_reader.isOpen()) {
            if (!m_reader.open(m_path, error))
                return nullptr;
            // Pages are read straight from the page cache instead of copied into SQLite's own: a
            // search that scans the calls index takes half the time, and memory is the kernel's to
            // reclaim. Best effort: without it every query still works.
            Database::exec(m_reader.database(), QStringLiteral("PRAGMA mmap_size = %1").arg(kMmapBytes), nullptr);
        }
        return &m_reader;
    }

private:
    QString m_path;
    StoreReader m_reader;
};

QueryRunner::QueryRunner(QString databasePath, QObject *parent)
    : QObject(parent), m_worker(new Worker(std::move(databasePath)))
{
    m_thread.setObjectName(QStringLiteral("rs-queries"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

QueryRunner::~QueryRunner()
{
    m_thread.quit();
    m_thread.wait();
}

void QueryRunner::run(QObject *owner, Job job)
{
    ++m_pending;
    QPointer<QObject> guard(owner);
    invokeOn(m_worker, [this, guard, job = std::move(job)] {
        QString error;
        StoreReader *reader = m_worker->reader(&error);
        Result result = job(reader, error);
        // Back on the GUI thread through the runner itself, which outlives its thread; the
        // owner is checked there, on the thread that deletes it, so the check cannot race.
        invokeOn(this, [this, guard, result = std::move(result)] {
            if (guard && result)
                result();
            if (--m_pending == 0)
                Q_EMIT idle();
        });
    });
}

} // namespace ringside
