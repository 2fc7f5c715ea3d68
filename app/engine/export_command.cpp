#include "engine/export_command.h"

#include "store/store_reader.h"

#include <QCommandLineParser>
#include <QFile>
#include <cstdio>

namespace ringside {

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Write stored call records or events to stdout."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("db"), QStringLiteral("Database file."), QStringLiteral("PATH")},
        {QStringLiteral("what"), QStringLiteral("calls or events (default calls)."), QStringLiteral("calls|events"),
         QStringLiteral("calls")},
        {QStringLiteral("format"), QStringLiteral("jsonl or csv (default jsonl)."), QStringLiteral("jsonl|csv"),
         QStringLiteral("jsonl")},
    });
    QFile err;
    err.open(stderr, QIODevice::WriteOnly);
    auto fail = [&err](const QString &message) {
        err.write(QStringLiteral("ringsided export: %1\n").arg(message).toUtf8());
        return 2;
    };
    if (!p.parse(arguments))
        return fail(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        QFile out;
        out.open(stdout, QIODevice::WriteOnly);
        out.write(p.helpText().toUtf8());
        return 0;
    }
    const QString what = p.value(QStringLiteral("what"));
    const QString format = p.value(QStringLiteral("format"));
    if (!p.isSet(QStringLiteral("db")))
        return fail(QStringLiteral("--db PATH is required"));
    if (what != QLatin1String("calls") && what != QLatin1String("events"))
        return fail(QStringLiteral("--what must be calls or events, not '%1'").arg(what));
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv"))
        return fail(QStringLiteral("--format must be jsonl or csv, not '%1'").arg(format));

    StoreReader reader;
    QString error;
    if (!reader.open(p.value(QStringLiteral("db")), &error))
        return fail(error);
    QFile out;
    out.open(stdout, QIODevice::WriteOnly);
    const auto f = format == QLatin1String("csv") ? StoreReader::Format::Csv : StoreReader::Format::JsonLines;
    const bool ok = what == QLatin1String("calls") ? reader.exportCalls(f, out, &error)
                                                   : reader.exportEvents(f, out, &error);
    out.flush();
    if (!ok)
        return fail(error);
    return 0;
}

} // namespace ringside
