#include "models/alerts_model.h"

#include <QColor>

namespace ringside {

AlertsModel::AlertsModel(QObject *parent) : QAbstractListModel(parent)
{
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

QString AlertsModel::severityText(Alert::Severity severity)
{
    return severity == Alert::Severity::Critical ? tr("Critical") : tr("Warning");
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert &a = m_alerts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return a.text;
    case Qt::ToolTipRole:
        return QStringLiteral("%1: %2").arg(severityText(a.severity), a.text);
    case Qt::DecorationRole:
        return a.severity == Alert::Severity::Critical ? QColor(0xc6, 0x28, 0x28) : QColor(0xef, 0x8f, 0x00);
    case SeverityRole:
        return int(a.severity);
    case KeyRole:
        return a.key;
    default:
        return {};
    }
}

QHash<int, QByteArray> AlertsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SeverityRole, "severity");
    names.insert(KeyRole, "key");
    return names;
}

void AlertsModel::setAlerts(const QList<Alert> &alerts)
{
    const auto keyIndex = [](const QList<Alert> &list, const QString &key, qsizetype from = 0) -> qsizetype {
        for (qsizetype i = from; i < list.size(); ++i) {
            if (list.at(i).key == key)
                return i;
        }
        return -1;
    };
    for (qsizetype i = m_alerts.size() - 1; i >= 0; --i) {
        if (keyIndex(alerts, m_alerts.at(i).key) < 0) {
            beginRemoveRows({}, int(i), int(i));
            m_alerts.removeAt(i);
            endRemoveRows();
        }
    }
    // Now every remaining row is also in `alerts`: walk it, moving, inserting or updating in place.
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        const Alert &wanted = alerts.at(i);
        const qsizetype at = keyIndex(m_alerts, wanted.key, i);
        if (at < 0) {
            beginInsertRows({}, int(i), int(i));
            m_alerts.insert(i, wanted);
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows({}, int(at), int(at), {}, int(i));
            m_alerts.move(at, i);
            endMoveRows();
        }
        if (!(m_alerts.at(i) == wanted)) {
            m_alerts[i] = wanted;
            Q_EMIT dataChanged(index(int(i)), index(int(i)));
        }
    }
}

} // namespace ringside
