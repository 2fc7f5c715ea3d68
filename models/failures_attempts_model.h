#pragma once

#include "models/failures_query.h"

#include <QAbstractTableModel>

namespace ringside {

class QueryRunner;

/** Every recorded attempt of the delivery selected on the Failures page, oldest first: when, what
 *  the CRM answered and the start of its answer. Reads on the QueryRunner's thread. */
class FailuresAttemptsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Duration, HttpStatus, Outcome, Error, Response, ColumnCount };
    enum Role { ResponseRole = Qt::UserRole + 1 };
    Q_ENUM(Role)

    explicit FailuresAttemptsModel(QueryRunner &runner, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Shows this delivery's attempts (0: none). */
    void setDelivery(qint64 deliveryId);
    qint64 delivery() const { return m_delivery; }
    /** Re-reads the attempts; new ones are appended without a reset. */
    void refresh();
    const AttemptRow &row(int i) const { return m_rows.at(i); }

    static QString outcomeText(const QString &outcome);
    /** The response excerpt as text, or a note that it is binary. */
    static QString responseText(const QByteArray &excerpt);

Q_SIGNALS:
    void loaded(const QString &error);

private:
    void apply(const QList<AttemptRow> &rows);

    QueryRunner &m_runner;
    qint64 m_delivery = 0;
    QList<AttemptRow> m_rows;
    quint64 m_generation = 0;
};

} // namespace ringside
