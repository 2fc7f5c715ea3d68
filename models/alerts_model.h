#pragma once

#include "models/alert_rules.h"

#include <QAbstractListModel>

namespace ringside {

/** The dashboard's current alerts, one row each. setAlerts() inserts, removes, moves and updates
 *  single rows by key, so a view keeps its selection and the tray only hears about new ones. */
class AlertsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { SeverityRole = Qt::UserRole + 1, KeyRole };
    Q_ENUM(Role)

    explicit AlertsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setAlerts(const QList<Alert> &alerts);
    const QList<Alert> &alerts() const { return m_alerts; }

    static QString severityText(Alert::Severity severity);

private:
    QList<Alert> m_alerts;
};

} // namespace ringside
