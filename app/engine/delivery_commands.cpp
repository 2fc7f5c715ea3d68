#include "engine/delivery_commands.h"

#include "core/clock.h"
#include "providers/canonical_event.h"
#include "store/database.h"
#include "store/delivery_queue.h"
#include "store/schema.h"
#include "store/store_reader.h"

#include <QCommandLineParser>
#include <QFile>
#include <cstdio>

namespace ringside {

namespace {
int fail(const char *command, const QString &message)
{
    std::fprintf(stderr, "ringsided %s: %s\n", command, qPrintable(message));
    return 2;
}
} // namespace

int runDeliveriesCommand(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("db"), QStringLiteral("Database file."), QStringLiteral("PATH")},
        {QStringLiteral("state"), QStringLiteral("pending, retrying, delivered, dead or skipped (default: all)."),
         QStringLiteral("STATE")},
        {QStringLiteral("format"), QStringLiteral("jsonl or csv (default jsonl)."), QStringLiteral("jsonl|csv"),
         QStringLiteral("jsonl")},
    });
    if (!p.parse(arguments))
        return fail("deliveries", p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return 0;
    }
    const QString state = p.value(QStringLiteral("state"));
    static const QStringList states{QStringLiteral("pending"), QStringLiteral("retrying"), QStringLiteral("delivered"),
                                    QStringLiteral("dead"), QStringLiteral("skipped")};
    if (!state.isEmpty() && !states.contains(state))
        return fail("deliveries", QStringLiteral("--state must be one of %1").arg(states.join(QLatin1String(", "))));
    const QString format = p.value(QStringLiteral("format"));
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv"))
        return fail("deliveries", QStringLiteral("--format must be jsonl or csv"));
    if (!p.isSet(QStringLiteral("db")))
        return fail("deliveries", QStringLiteral("--db PATH is required"));
    StoreReader reader;
    QString error;
    if (!reader.open(p.value(QStringLiteral("db")), &error))
        return fail("deliveries", error);
    QFile out;
    out.open(stdout, QIODevice::WriteOnly);
    if (!DeliveryQueue::exportDeliveries(reader.database(), state,
                                         format == QLatin1String("csv") ? DeliveryQueue::Format::Csv
                                                                        : DeliveryQueue::Format::JsonLines,
                                         out, &error))
        return fail("deliveries", error);
    return 0;
}

int runRetryCommand(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("db"), QStringLiteral("Database file."), QStringLiteral("PATH")},
        {QStringLiteral("id"), QStringLiteral("A delivery to retry (repeatable)."), QStringLiteral("N")},
        {QStringLiteral("all-dead"), QStringLiteral("Retry every dead delivery (narrow with --sink, --since).")},
        {QStringLiteral("sink"), QStringLiteral("Only this sink's deliveries."), QStringLiteral("NAME")},
        {QStringLiteral("since"), QStringLiteral("Only events received at or after this ISO 8601 time."), QStringLiteral("T")},
    });
    if (!p.parse(arguments))
        return fail("retry", p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return 0;
    }
    if (!p.isSet(QStringLiteral("db")))
        return fail("retry", QStringLiteral("--db PATH is required"));
    RetryFilter filter;
    for (const QString &id : p.values(QStringLiteral("id"))) {
        bool ok = false;
        filter.ids << id.toLongLong(&ok);
        if (!ok)
            return fail("retry", QStringLiteral("--id takes a delivery number, not '%1'").arg(id));
    }
    filter.allDead = p.isSet(QStringLiteral("all-dead"));
    if (filter.ids.isEmpty() == !filter.allDead)
        return fail("retry", QStringLiteral("give --id N (one or more) or --all-dead"));
    filter.sink = p.value(QStringLiteral("sink"));
    if (p.isSet(QStringLiteral("since"))) {
        filter.since = parseIsoTime(p.value(QStringLiteral("since")));
        if (!filter.since)
            return fail("retry", QStringLiteral("--since must be an ISO 8601 time like 2026-06-04T09:00:00Z"));
    }
    QString error;
    const QString path = p.value(QStringLiteral("db"));
    if (!QFile::exists(path))
        return fail("retry", QStringLiteral("no database at %1").arg(path));
    QSqlDatabase db = Database::open(path, Database::Mode::ReadWrite, &error);
    if (!db.isValid())
        return fail("retry", error);
    int n = -1;
    // A second writer next to a running daemon: SQLite serialises it with a busy timeout.
    if (Schema::check(db, &error) && Database::exec(db, QStringLiteral("BEGIN IMMEDIATE"), &error)) {
        n = DeliveryQueue::retry(db, filter, Clock::system().nowMs(), &error);
        if (n < 0 || !Database::exec(db, QStringLiteral("COMMIT"), &error)) {
            Database::exec(db, QStringLiteral("ROLLBACK"), nullptr);
            n = -1;
        }
    }
    Database::close(db);
    if (n < 0)
        return fail("retry", error);
    std::printf("ringsided retry: %d deliveries queued again\n", n);
    return 0;
}

} // namespace ringside
