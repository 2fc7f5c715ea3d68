#include "models/alerts_model.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using namespace ringside;

namespace {
Alert warning(const QString &key, const QString &text = {})
{
    return Alert{Alert::Severity::Warning, key, text.isEmpty() ? key : text};
}
Alert critical(const QString &key)
{
    return Alert{Alert::Severity::Critical, key, key};
}
QStringList keys(const AlertsModel &m)
{
    QStringList k;
    for (int i = 0; i < m.rowCount(); ++i)
        k << m.index(i).data(AlertsModel::KeyRole).toString();
    return k;
}
} // namespace

class TestAlertsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsAlerts();
    void changesOnlyWhatChanged();
    void survivesAnyTransition_data();
    void survivesAnyTransition();
};

void TestAlertsModel::showsAlerts()
{
    AlertsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setAlerts({critical(QStringLiteral("sink-paused:crm")), warning(QStringLiteral("dedup-spike"), QStringLiteral("storm"))});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.index(0).data().toString(), QStringLiteral("sink-paused:crm"));
    QCOMPARE(m.index(0).data(AlertsModel::SeverityRole).toInt(), int(Alert::Severity::Critical));
    QCOMPARE(m.index(1).data().toString(), QStringLiteral("storm"));
    QVERIFY(m.index(0).data(Qt::DecorationRole).value<QColor>() != m.index(1).data(Qt::DecorationRole).value<QColor>());
    QVERIFY(m.index(1).data(Qt::ToolTipRole).toString().contains(QLatin1String("storm")));
}

void TestAlertsModel::changesOnlyWhatChanged()
{
    AlertsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setAlerts({warning(QStringLiteral("a")), warning(QStringLiteral("b"), QStringLiteral("b: 10%"))});
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);

    m.setAlerts({warning(QStringLiteral("a")), warning(QStringLiteral("b"), QStringLiteral("b: 10%"))});
    QCOMPARE(inserted.size() + removed.size() + changed.size(), 0); // the same alerts: silence

    m.setAlerts({warning(QStringLiteral("a")), warning(QStringLiteral("b"), QStringLiteral("b: 12%"))});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);

    m.setAlerts({critical(QStringLiteral("z")), warning(QStringLiteral("b"), QStringLiteral("b: 12%"))});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(keys(m), (QStringList{"z", "b"}));
    QCOMPARE(reset.size(), 0);
}

void TestAlertsModel::survivesAnyTransition_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");
    QTest::newRow("empty to some") << QStringList{} << QStringList{"a", "b"};
    QTest::newRow("some to empty") << QStringList{"a", "b"} << QStringList{};
    QTest::newRow("reordered") << QStringList{"a", "b", "c"} << QStringList{"c", "a", "b"};
    QTest::newRow("swap") << QStringList{"a", "b"} << QStringList{"b", "a"};
    QTest::newRow("mixed") << QStringList{"a", "b", "c", "d"} << QStringList{"e", "d", "b", "f"};
}

void TestAlertsModel::survivesAnyTransition()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    const auto alerts = [](const QStringList &k) {
        QList<Alert> list;
        for (const QString &key : k)
            list.append(warning(key));
        return list;
    };
    AlertsModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setAlerts(alerts(before));
    QCOMPARE(keys(m), before);
    m.setAlerts(alerts(after));
    QCOMPARE(keys(m), after);
    QCOMPARE(m.alerts(), alerts(after));
}

QTEST_GUILESS_MAIN(TestAlertsModel)
#include "tst_alerts_model.moc"
