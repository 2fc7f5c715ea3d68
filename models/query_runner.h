#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>

namespace ringside {

class StoreReader;

/** Runs the desktop app's read queries on one background thread with its own read-only
 *  connection (WAL: readers never block the writer, and the GUI thread never waits for SQL).
 *  Results come back as a function that runs on the GUI thread, and only if the model that
 *  asked still exists. */
class QueryRunner : public QObject
{
    Q_OBJECT
public:
    /** What a query hands back: runs on the GUI thread. */
    using Result = std::function<void()>;
    /** Runs on the query thread; gets an open reader (or the reason it could not be opened). */
    using Job = std::function<Result(StoreReader *reader, const QString &openError)>;

    explicit QueryRunner(QString databasePath, QObject *parent = nullptr);
    ~QueryRunner() override;

    /** Queues job; its result is dropped if `owner` is destroyed first. */
    void run(QObject *owner, Job job);

    /** Jobs queued but not yet answered (tests and the benchmark wait for zero). */
    int pending() const { return m_pending; }

Q_SIGNALS:
    /** Every queued job has been answered. */
    void idle();

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
    int m_pending = 0;
};

} // namespace ringside
