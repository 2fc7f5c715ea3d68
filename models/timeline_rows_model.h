#pragma once

#include "models/call_timeline.h"

#include <QAbstractTableModel>

namespace ringside {

/** The call timeline as a table (time, what, detail): the call's events, every receipt and every
 *  CRM attempt, for keyboard and screen-reader users and for copying into a ticket. A refresh of
 *  the same call inserts what is new instead of resetting, so the selection survives. */
class TimelineRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, What, Detail, ColumnCount };
    enum class Kind { Milestone, Missing, Receipt, Attempt, Scheduled };
    Q_ENUM(Kind)
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind
        TimestampRole,               // ms since epoch, or null
        EventIdRole,                 // receipts: the event whose payload a click opens
        DeliveryIdRole,              // attempts and scheduled attempts
        ProblemRole,                 // true: duplicate, out of order, failed attempt, missing event
    };
    Q_ENUM(Role)

    explicit TimelineRowsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setTimeline(const CallTimeline &timeline);
    void clear();
    const QString &callUuid() const { return m_callUuid; }

    /** The rows as tab-separated text (time, what, detail), one line each: for the clipboard. */
    QString toText() const;

private:
    struct Row
    {
        Kind kind = Kind::Milestone;
        QString key; // identity across refreshes of one call
        std::optional<qint64> time;
        QString what;
        QString detail;
        QString toolTip;
        qint64 eventId = 0;
        qint64 deliveryId = 0;
        bool problem = false;

        bool operator==(const Row &) const = default;
    };
    QList<Row> rowsFor(const CallTimeline &t) const;
    void applyRows(QList<Row> rows);
    QString timeText(qint64 ms) const;

    QString m_callUuid;
    qint64 m_referenceMs = 0; // times on this day are shown without the date
    QList<Row> m_rows;
};

} // namespace ringside
