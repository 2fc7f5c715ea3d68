// Settings: checked field by field as typed, saved in ringsided's INI format, refused when wrong.
#include "engine/engine_config.h"
#include "models/desktop_settings.h"
#include "ui/settings_dialog.h"

#include <QCommandLineParser>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

class TestDesktopSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreValid() { QVERIFY(DesktopSettings{}.problems().isEmpty()); }

    void badFieldsAreNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("port too big") << "listen" << "127.0.0.1:99999";
        QTest::newRow("no port") << "listen" << "127.0.0.1";
        QTest::newRow("not an address") << "listen" << "banana:80";
        QTest::newRow("admin garbage") << "admin_listen" << "::::";
        QTest::newRow("short token") << "auth_secret:bearer" << "abc";
        QTest::newRow("bad whsec") << "auth_secret:standard-webhooks" << "whsec_not base64!";
        QTest::newRow("public without auth") << "auth_scheme" << "0.0.0.0:8080";
        QTest::newRow("sink url") << "sink.0.url" << "ftp://crm.example";
        QTest::newRow("sink secret") << "sink.0.secret" << "whsec_%%%";
        QTest::newRow("negative retention") << "retention_days" << "-1";
    }
    void badFieldsAreNamed()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        DesktopSettings s;
        s.sinks.append(SinkSettings{QStringLiteral("crm"), QStringLiteral("webhook"), QStringLiteral("https://crm.example/h"), {}, QStringLiteral("all"), 12, 24});
        const QString name = field.section(QLatin1Char(':'), 0, 0);
        if (name == QLatin1String("listen"))
            s.listen = value;
        else if (name == QLatin1String("admin_listen"))
            s.adminListen = value;
        else if (name == QLatin1String("auth_secret")) {
            s.authScheme = field.section(QLatin1Char(':'), 1);
            s.authSecret = value;
        } else if (name == QLatin1String("auth_scheme"))
            s.listen = value;
        else if (name == QLatin1String("sink.0.url"))
            s.sinks[0].url = value;
        else if (name == QLatin1String("sink.0.secret"))
            s.sinks[0].secret = value;
        else if (name == QLatin1String("retention_days"))
            s.retentionDays = value.toInt();
        QVERIFY2(!s.problem(name).isEmpty(), qPrintable(name));
        QVERIFY(s.problems().contains(name));
        QTemporaryDir dir;
        QString error;
        QVERIFY(!s.save(dir.filePath(QStringLiteral("x.ini")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.ini"))));
    }

    void savedFileRunsTheEngineAsRingsidedWould()
    {
        DesktopSettings s;
        s.listen = QStringLiteral("0.0.0.0:9000");
        s.authScheme = QStringLiteral("bearer");
        s.authSecret = QStringLiteral("0123456789abcdef0123");
        s.sinks.append(SinkSettings{QStringLiteral("crm"), QStringLiteral("webhook"), QStringLiteral("https://crm.example/h"),
                                    {}, QStringLiteral("completed"), 5, 2});
        s.language = QStringLiteral("de");
        s.retentionDays = 90;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ringside.ini"));
        QString error;
        QVERIFY2(s.save(path, &error), qPrintable(error));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        QCOMPARE(DesktopSettings::load(path), s);

        EngineConfig config;
        QCommandLineParser parser;
        EngineCommandLine::addOptions(parser);
        parser.process(QStringList{QStringLiteral("ringside")});
        QVERIFY2(EngineCommandLine::load(parser, &config, &error, path), qPrintable(error));
        QCOMPARE(config.listenPort, quint16(9000));
        QCOMPARE(config.auth.scheme, QStringLiteral("bearer"));
        QCOMPARE(config.sinks.size(), 1);
        QCOMPARE(config.sinks[0].events, QList<EventType>{EventType::Completed});
        QCOMPARE(config.sinks[0].retry.maxAttempts(), 5);
        QCOMPARE(config.sinks[0].retry.maxAgeMs(), 2 * 3'600'000LL);
        QCOMPARE(config.retentionDays, 90);
    }

    void dialogShowsTheProblemAsTypedAndRefusesOk()
    {
        SettingsDialog dialog(DesktopSettings{});
        auto *listen = dialog.findChild<QLineEdit *>(QStringLiteral("listen"));
        QVERIFY(listen);
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        listen->clear();
        QTest::keyClicks(listen, QStringLiteral("127.0.0.1:70000"));
        QVERIFY(!dialog.shownProblem(QStringLiteral("listen")).isEmpty());
        QVERIFY(!ok->isEnabled());
        ok->click(); // disabled: nothing happens
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        listen->setText(QStringLiteral("127.0.0.1:8181"));
        QVERIFY(dialog.shownProblem(QStringLiteral("listen")).isEmpty());
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.settings().listen, QStringLiteral("127.0.0.1:8181"));
    }
};

QTEST_MAIN(TestDesktopSettings)
#include "tst_desktop_settings.moc"
