#include "delivery/sink_config.h"
#include "engine/engine_config.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

/** Sinks and engine settings read from real INI files, as an operator writes them. */
class TestSinkConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString writeIni(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral("c%1.ini").arg(++m_files));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QList<SinkConfig> sinksOf(const QByteArray &text, QString *error)
    {
        QSettings s(writeIni(text), QSettings::IniFormat);
        return SinkConfig::fromSettings(s, error);
    }

private slots:
    // QSettings reads an unquoted "a:1,b:2" as a two-item list; both owners must survive.
    void ownersWithCommasAreAllRead()
    {
        QString error;
        const auto sinks = sinksOf("[sink.crm]\ntype=hubspot\ntoken=pat-1\n"
                                   "owners=seat_a:101, seat_b:202,seat_c:303\n", &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sinks.size(), 1);
        QCOMPARE(sinks[0].seatOwners.size(), 3);
        QCOMPARE(sinks[0].seatOwners.value(QStringLiteral("seat_a")), QStringLiteral("101"));
        QCOMPARE(sinks[0].seatOwners.value(QStringLiteral("seat_b")), QStringLiteral("202"));
        QCOMPARE(sinks[0].seatOwners.value(QStringLiteral("seat_c")), QStringLiteral("303"));
    }

    void oneOwner()
    {
        QString error;
        const auto sinks = sinksOf("[sink.crm]\ntype=hubspot\ntoken=pat-1\nowners=seat_0481ab:77001\n", &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sinks.size(), 1);
        QCOMPARE(sinks[0].seatOwners.value(QStringLiteral("seat_0481ab")), QStringLiteral("77001"));
    }

    void badOwnersEntryIsAnError_data()
    {
        QTest::addColumn<QByteArray>("owners");
        QTest::addColumn<QString>("entry");
        QTest::newRow("no colon") << QByteArray("seat_a:1,seat_b") << QStringLiteral("'seat_b'");
        QTest::newRow("two colons") << QByteArray("seat_a:1:2") << QStringLiteral("'seat_a:1:2'");
        QTest::newRow("empty owner") << QByteArray("seat_a:") << QStringLiteral("'seat_a:'");
    }

    void badOwnersEntryIsAnError()
    {
        QFETCH(QByteArray, owners);
        QFETCH(QString, entry);
        QString error;
        const auto sinks = sinksOf("[sink.crm]\ntype=hubspot\ntoken=pat-1\nowners=" + owners + "\n", &error);
        QVERIFY(sinks.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("sink crm: owners entry ") + entry), qPrintable(error));
    }

    void urlWithACommaIsKeptWhole()
    {
        QString error;
        const auto sinks = sinksOf("[sink.hook]\nurl=https://crm.example/in?tags=a,b\n", &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sinks.size(), 1);
        QCOMPARE(sinks[0].url.toString(), QStringLiteral("https://crm.example/in?tags=a,b"));
    }

    void unknownTypeAndMissingUrlAreErrors()
    {
        QString error;
        QVERIFY(sinksOf("[sink.x]\ntype=salesforce\n", &error).isEmpty());
        QCOMPARE(error, QStringLiteral("sink x: unknown type 'salesforce' (webhook or hubspot)"));
        error.clear();
        QVERIFY(sinksOf("[sink.y]\ntype=webhook\n", &error).isEmpty());
        QVERIFY2(error.startsWith(QStringLiteral("sink y: ")), qPrintable(error));
    }

    void webhookSecretsSeparatedBySpacesOrCommas()
    {
        const QString a = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        const QString b = QStringLiteral("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
        for (const QByteArray &separator : {QByteArray(" "), QByteArray(","), QByteArray(", ")}) {
            EngineConfig c;
            QString error;
            QVERIFY2(EngineCommandLine::loadFile(writeIni("[auth]\nscheme=standard-webhooks\nsecrets=" + a.toUtf8()
                                                          + separator + b.toUtf8() + "\n"),
                                                 &c, &error),
                     qPrintable(error));
            QCOMPARE(c.auth.secrets, (QStringList{a, b}));
        }
    }
};

QTEST_GUILESS_MAIN(TestSinkConfig)
#include "tst_sink_config.moc"
