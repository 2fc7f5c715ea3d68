#include "models/failures_attempts_model.h"

#include "models/events_payload.h"
#include "models/failures_model.h"
#include "models/query_runner.h"
#include "store/store_reader.h"


namespace ringside {

FailuresAttemptsModel::FailuresAttemptsModel(QueryRunner &runner, QObject *parent)
    : QAbstractTableModel(parent), m_runner(runner)
{
}

int FailuresAttemptsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FailuresAttemptsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FailuresAttemptsModel::outcomeText(const QString &outcome)
{
    if (outcome == QLatin1String("delivered"))
        return tr("Delivered");
    if (outcome == QLatin1String("retry"))
        return tr("Failed, will retry");
    if (outcome == QLatin1String("dead"))
        return tr("Failed, gave up");
    if (outcome == QLatin1String("paused"))
        return tr("Refused, sink paused");
    return outcome;
}

QString FailuresAttemptsModel::responseText(const QByteArray &excerpt)
{
    // The excerpt is cut at a byte count, so a broken last character is expected.
    if (const auto text = EventsPayload::text(excerpt, true))
        return *text;
    return tr("(%n byte(s) of binary data)", nullptr, int(excerpt.size()));
}

QVariant FailuresAttemptsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AttemptRow &r = m_rows.at(index.row());
    if (role == ResponseRole)
        return responseText(r.responseExcerpt);
    if (role == Qt::ToolTipRole && (index.column() == Error || index.column() == Response)) {
        const QString text = index.column() == Error ? r.error : responseText(r.responseExcerpt);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Duration || index.column() == HttpStatus))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Time: return FailuresModel::timeText(r.startedAt);
    case Duration: return r.durationMs ? tr("%1 ms").arg(*r.durationMs) : QString();
    case HttpStatus: return r.httpStatus ? QString::number(*r.httpStatus) : QStringLiteral("—");
    case Outcome: return outcomeText(r.outcome);
    case Error: return QString(r.error).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case Response: return responseText(r.responseExcerpt).simplified().left(200);
    case ColumnCount: break;
    }
    return {};
}

QVariant FailuresAttemptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Time");
    case Duration: return tr("Took");
    case HttpStatus: return tr("HTTP");
    case Outcome: return tr("Outcome");
    case Error: return tr("Error");
    case Response: return tr("CRM response");
    case ColumnCount: break;
    }
    return {};
}

void FailuresAttemptsModel::setDelivery(qint64 deliveryId)
{
    if (deliveryId == m_delivery)
        return;
    ++m_generation;
    m_delivery = deliveryId;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    refresh();
}

void FailuresAttemptsModel::refresh()
{
    if (m_delivery <= 0)
        return;
    const quint64 generation = m_generation;
    m_runner.run(this, [this, generation, id = m_delivery](StoreReader *reader, const QString &openError) {
        QString error = openError;
        QList<AttemptRow> rows;
        if (reader)
            rows = FailuresQuery::attempts(reader->database(), id, &error);
        return [this, generation, rows = std::move(rows), error] {
            if (generation != m_generation)
                return;
            if (error.isEmpty())
                apply(rows);
            Q_EMIT loaded(error);
        };
    });
}

void FailuresAttemptsModel::apply(const QList<AttemptRow> &rows)
{
    // Attempts are only ever appended: a longer list with the same start grows at the end.
    if (rows.size() >= m_rows.size() && rows.mid(0, m_rows.size()) == m_rows) {
        if (rows.size() > m_rows.size()) {
            beginInsertRows({}, int(m_rows.size()), int(rows.size() - 1));
            m_rows = rows;
            endInsertRows();
        }
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

} // namespace ringside
