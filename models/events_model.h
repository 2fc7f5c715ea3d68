#pragma once

#include "models/events_query.h"

#include <QAbstractTableModel>

namespace ringside {

class QueryRunner;

/** The Events page: the raw event log (accepted, duplicate receipts, unprocessable payloads and
 *  refused requests with why), newest first, a page at a time (fetchMore); refresh() puts new
 *  arrivals on top without disturbing the rows below. The list stays light: a row's headers and
 *  bytes come from requestDetail(). All SQL runs on the QueryRunner's thread. */
class EventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Kind, Answer, Event, Call, Provider, Why, ColumnCount };
    enum Role { KindRole = Qt::UserRole + 1, EventIdRole, ReasonRole };
    Q_ENUM(Role)

    explicit EventsModel(QueryRunner &runner, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const EventsFilter &filter);
    const EventsFilter &filter() const { return m_filter; }
    /** Brings in what arrived since the last look; cheap to call on every storeChanged(). */
    void refresh();
    const EventLogRow &row(int i) const { return m_rows.at(i); }
    /** Loads the row's headers and bytes; detailLoaded() answers. */
    void requestDetail(int row);

    static constexpr int kPageSize = 100;
    /** More new rows than this per table since the last refresh: reload from the top instead. */
    static constexpr int kRefreshRows = 500;

    static QString kindText(EventLogRow::Kind kind);
    /** "Wrong token (bad_token)": a receiver's reason code in words, the code kept for searching. */
    static QString reasonText(const QString &reason);
    /** Why the row is what it is, in one line. */
    static QString whyText(const EventLogRow &row);

Q_SIGNALS:
    void loaded(const QString &error);
    /** Answers requestDetail(); `detail` is empty with `error` set if it could not be read. */
    void detailLoaded(const ringside::EventLogRow &row, const ringside::EventLogDetail &detail, const QString &error);

private:
    QueryRunner &m_runner;
    EventsFilter m_filter;
    QList<EventLogRow> m_rows;
    std::optional<EventsQuery::Cursor> m_head; // newest ids already shown; unset until the first page
    EventsQuery::Cursor m_next;                // where the next page starts
    quint64 m_generation = 0;
    bool m_fetching = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    bool m_atEnd = false;
};

} // namespace ringside
