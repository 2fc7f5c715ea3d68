#pragma once

#include "models/calls_query.h"

#include <QAbstractTableModel>

namespace ringside {

class QueryRunner;

/** The Calls page: every call, newest first, a page at a time as the view scrolls (fetchMore),
 *  filtered by CallsFilter. refresh() brings new and changed calls in at the top without
 *  resetting what the user has scrolled to. All SQL runs on the QueryRunner's thread. */
class CallsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, From, To, Seat, Did, Direction, Outcome, Ring, Talk, HangupCause, Crm, ColumnCount };
    enum Role { CallUuidRole = Qt::UserRole + 1, CrmStatusRole, OutcomeRole };

    explicit CallsModel(QueryRunner &runner, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const CallsFilter &filter);
    const CallsFilter &filter() const { return m_filter; }
    /** Re-reads the top of the list (new calls, changed CRM status); cheap to call often. */
    void refresh();
    const CallRow &row(int i) const { return m_rows.at(i); }
    /** The row of a call already loaded, or -1. */
    int rowOf(const QString &callUuid) const;

    static constexpr int kPageSize = 100;
    /** refresh() re-reads at most this many rows from the top. */
    static constexpr int kRefreshRows = 300;

    static QString outcomeText(const QString &outcome);
    static QString crmStatusText(const QString &status);
    static QString durationText(const std::optional<qint64> &ms);
    /** "USER_BUSY (17, User busy)" */
    static QString hangupText(const QString &cause, const std::optional<int> &code);

Q_SIGNALS:
    /** A query finished (tests wait on this; the page shows the error text if any). */
    void loaded(const QString &error);

private:
    void applyRefresh(const QList<CallRow> &top, int limit);

    QueryRunner &m_runner;
    CallsFilter m_filter;
    QList<CallRow> m_rows;
    quint64 m_generation = 0; // answers to an older filter are dropped
    bool m_fetching = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    bool m_atEnd = false;
};

} // namespace ringside
