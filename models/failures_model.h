#pragma once

#include "models/failures_query.h"

#include <QAbstractTableModel>

namespace ringside {

class QueryRunner;

/** The Failures page: dead and retrying deliveries, newest first, a page at a time as the view
 *  scrolls (fetchMore). refresh() merges what changed by delivery id, so rows keep their identity
 *  (and a view its selection) while others are retried away. All SQL runs on the QueryRunner's thread. */
class FailuresModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Call, Event, Sink, State, Attempts, HttpStatus, ErrorClass, Error, LastAttempt, NextAttempt, ColumnCount };
    enum Role { DeliveryIdRole = Qt::UserRole + 1, StateRole, SinkRole, CallUuidRole };
    Q_ENUM(Role)

    explicit FailuresModel(QueryRunner &runner, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const FailuresFilter &filter);
    const FailuresFilter &filter() const { return m_filter; }
    /** Re-reads the loaded range (and whatever joined it); cheap enough for every storeChanged(). */
    void refresh();
    const FailureRow &row(int i) const { return m_rows.at(i); }
    /** The row of a delivery already loaded, or -1. */
    int rowOf(qint64 deliveryId) const;
    /** How many deliveries match the filter in the store (loaded or not); -1 until known. */
    qint64 matchingCount() const { return m_matching; }

    static constexpr int kPageSize = 100;
    /** refresh() re-reads at most this many rows from the top. */
    static constexpr int kMaxRefreshRows = 2000;

    static QString stateText(const QString &state);
    static QString errorClassText(const QString &errorClass);
    static QString timeText(const std::optional<qint64> &ms);

Q_SIGNALS:
    /** A query finished (tests wait on this; the page shows the error text if any). */
    void loaded(const QString &error);
    void matchingCountChanged(qint64 count);

private:
    void merge(const QList<FailureRow> &fresh, std::optional<qint64> lowerBound);
    void setMatching(qint64 count);

    QueryRunner &m_runner;
    FailuresFilter m_filter;
    QList<FailureRow> m_rows;
    qint64 m_matching = -1;
    quint64 m_generation = 0; // answers to an older filter are dropped
    bool m_fetching = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    bool m_atEnd = false;
};

} // namespace ringside
