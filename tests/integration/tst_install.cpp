// `cmake --install` into a fresh prefix: the files an ops engineer gets, a systemd unit that systemd
// accepts, and the unit's own command line starting the installed ringsided on the example config.
#include "daemon_process.h"
#include "raw_http_client.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace ringside::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** The value of the unit's first "Key=" line, or an empty string. */
QString unitValue(const QByteArray &unit, const QString &key)
{
    const QRegularExpression re(QStringLiteral("^%1=(.*)$").arg(key), QRegularExpression::MultilineOption);
    return re.match(QString::fromUtf8(unit)).captured(1).trimmed();
}

} // namespace

class TestInstall : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void installsTheFilesAServerNeeds();
    void systemdAcceptsTheUnit();
    void theUnitsCommandRunsTheInstalledDaemon();

private:
    QTemporaryDir m_prefix;
    QString m_unitPath;
};

void TestInstall::initTestCase()
{
    QVERIFY(m_prefix.isValid());
    // cmake --install always rewrites the build tree's manifest: a plain `sudo cmake --install` leaves
    // it root's (scripts/install.sh hands it back), and then this test cannot install. Say so rather
    // than fail on CMake's message.
    const QFileInfo manifest(QString::fromLocal8Bit(qgetenv("RINGSIDE_BUILD_DIR")) + QStringLiteral("/install_manifest.txt"));
    QVERIFY2(!manifest.exists() || manifest.isWritable(),
             qPrintable(manifest.filePath() + QStringLiteral(" is not writable (left by a sudo cmake --install?); "
                                                             "remove it and run the test again")));
    // The README's way: scripts/install.sh, which is cmake --install on the build tree in RINGSIDE_BUILD_DIR.
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(QStringLiteral(RINGSIDE_SOURCE_DIR "/scripts/install.sh"), {QStringLiteral("--prefix"), m_prefix.path()});
    QVERIFY(install.waitForFinished(120000));
    QVERIFY2(install.exitStatus() == QProcess::NormalExit && install.exitCode() == 0, install.readAll().constData());
    m_unitPath = m_prefix.filePath(QStringLiteral("lib/systemd/system/ringsided.service"));
}

void TestInstall::installsTheFilesAServerNeeds()
{
    QStringList expected{QStringLiteral("bin/ringsided"), QStringLiteral("bin/ringside-sim"),
                         QStringLiteral("lib/systemd/system/ringsided.service"),
                         QStringLiteral("share/doc/ringside/README.md"),
                         QStringLiteral("share/doc/ringside/ringsided.ini.example")};
#ifndef RINGSIDE_ENGINE_ONLY
    expected << QStringLiteral("bin/ringside") << QStringLiteral("share/applications/ringside.desktop")
             << QStringLiteral("share/icons/hicolor/scalable/apps/ringside.svg");
#endif
    for (const QString &file : std::as_const(expected))
        QVERIFY2(QFileInfo::exists(m_prefix.filePath(file)), qPrintable(file + QStringLiteral(" not installed")));
    for (const QString &binary : {QStringLiteral("bin/ringsided"), QStringLiteral("bin/ringside-sim")})
        QVERIFY2(QFileInfo(m_prefix.filePath(binary)).isExecutable(), qPrintable(binary));

    // The unit runs the binary of this prefix, not one from the build tree or a hard-coded /usr.
    const QByteArray unit = readFile(m_unitPath);
    QVERIFY2(unitValue(unit, QStringLiteral("ExecStart")).startsWith(m_prefix.filePath(QStringLiteral("bin/ringsided "))),
             unit.constData());
    const QRegularExpressionMatch unreplaced = QRegularExpression(QStringLiteral("@[A-Z_]+@")).match(QString::fromUtf8(unit));
    QVERIFY2(!unreplaced.hasMatch(), qPrintable(unreplaced.captured(0)));
}

void TestInstall::systemdAcceptsTheUnit()
{
#ifndef RINGSIDE_ENGINE_ONLY
    // The desktop entry too, where the desktop app is built.
    const QString validate = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    QVERIFY2(!validate.isEmpty(), "desktop-file-validate is missing: scripts/deps.sh test installs it");
    QProcess desktop;
    desktop.setProcessChannelMode(QProcess::MergedChannels);
    desktop.start(validate, {m_prefix.filePath(QStringLiteral("share/applications/ringside.desktop"))});
    QVERIFY(desktop.waitForFinished(30000));
    const QByteArray desktopOut = desktop.readAll();
    QVERIFY2(desktop.exitCode() == 0 && desktopOut.trimmed().isEmpty(), desktopOut.constData());
#endif
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    QVERIFY2(!analyze.isEmpty(), "systemd-analyze is missing: scripts/deps.sh test installs it");
    QProcess verify;
    verify.setProcessChannelMode(QProcess::MergedChannels);
    verify.start(analyze, {QStringLiteral("verify"), m_unitPath});
    QVERIFY(verify.waitForFinished(60000));
    const QByteArray out = verify.readAll();
    // systemd-analyze exits 0 on unknown keys and only warns: any output is a finding.
    QVERIFY2(verify.exitCode() == 0 && out.trimmed().isEmpty(), out.constData());
}

void TestInstall::theUnitsCommandRunsTheInstalledDaemon()
{
    // What systemd would run: %d is the credentials directory (the config, mode 400 as systemd
    // makes it), %S the state directory root, under which StateDirectory=ringside exists.
    QTemporaryDir run;
    QVERIFY(run.isValid());
    const QString credentials = run.filePath(QStringLiteral("credentials"));
    const QString state = run.filePath(QStringLiteral("state"));
    QVERIFY(QDir().mkpath(credentials) && QDir().mkpath(state + QStringLiteral("/ringside")));
    // The example with every documented key switched on (but the auth choice, the database and the
    // signing secret, which need real values): each key and default it shows must be one the engine takes.
    const QByteArray example = readFile(m_prefix.filePath(QStringLiteral("share/doc/ringside/ringsided.ini.example")));
    QVERIFY(!example.isEmpty());
    QByteArray configText;
    QByteArray section;
    int switchedOn = 0;
    const quint16 closedPort = DaemonProcess::freePort();
    const QRegularExpression setting(QStringLiteral("^;(\\[sink\\.[a-z]+\\]|[a-z_]+=)"));
    for (QByteArray line : example.split('\n')) {
        if (line.startsWith('[') || line.startsWith(";["))
            section = line.mid(line.indexOf('['));
        const bool keep = section == "[auth]" || line.startsWith(";db=") || line.startsWith(";secret=");
        if (!keep && setting.match(QString::fromUtf8(line)).hasMatch()) {
            line.remove(0, 1);
            ++switchedOn;
        }
        // The sinks' URLs (one is HubSpot's real API) go to a local port nobody listens on: a test
        // never reaches out to the internet.
        if (line.startsWith("url="))
            line = "url=http://127.0.0.1:" + QByteArray::number(closedPort) + "/calls";
        configText += line + '\n';
    }
    QVERIFY2(switchedOn >= 30, qPrintable(QString::number(switchedOn)));
    const QString config = credentials + QStringLiteral("/ringsided.ini");
    QFile configFile(config);
    QVERIFY(configFile.open(QIODevice::WriteOnly) && configFile.write(configText) == configText.size());
    configFile.close();
    QVERIFY(QFile::setPermissions(config, QFile::ReadOwner));
    const QByteArray unit = readFile(m_unitPath);
    QCOMPARE(unitValue(unit, QStringLiteral("LoadCredential")),
             QStringLiteral("ringsided.ini:/etc/ringside/ringsided.ini"));
    QCOMPARE(unitValue(unit, QStringLiteral("StateDirectory")), QStringLiteral("ringside"));

    QStringList args = unitValue(unit, QStringLiteral("ExecStart"))
                           .replace(QStringLiteral("%d"), credentials)
                           .replace(QStringLiteral("%S"), state)
                           .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QVERIFY2(!args.join(QLatin1Char(' ')).contains(QLatin1Char('%')), qPrintable(args.join(QLatin1Char(' '))));
    // The example listens on 127.0.0.1:8080; free ports here, so parallel tests never collide.
    const quint16 port = DaemonProcess::freePort();
    const quint16 adminPort = DaemonProcess::freePort();
    args << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:%1").arg(port) << QStringLiteral("--admin-listen")
         << QStringLiteral("127.0.0.1:%1").arg(adminPort);
    QProcess daemon;
    daemon.start(args.takeFirst(), args);
    QVERIFY(daemon.waitForStarted(10000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += daemon.readAllStandardOutput()).contains("listening")
                                 || daemon.state() == QProcess::NotRunning,
                             15000);
    QVERIFY2(out.contains("listening"), (out + daemon.readAllStandardError()).constData());
    QVERIFY2(out.contains(state.toUtf8() + "/ringside/ringside.db"), out.constData());

    const auto statusOf = [](quint16 to, const QByteArray &request) {
        const std::optional<RawResponse> response = exchange(to, request);
        return response ? response->status : 0;
    };
    QCOMPARE(statusOf(adminPort, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), 200);
    const QByteArray body = readFile(QStringLiteral(RINGSIDE_SOURCE_DIR "/resources/payloads/unlimcall/recorded_call.json"));
    QVERIFY(!body.isEmpty());
    QCOMPARE(statusOf(port, RawHttpClient::post("/webhooks/unlimcall", body)), 200);

    ::kill(pid_t(daemon.processId()), SIGTERM); // systemctl stop
    QVERIFY(daemon.waitForFinished(30000));
    const QByteArray err = daemon.readAllStandardError();
    QVERIFY2(daemon.exitStatus() == QProcess::NormalExit && daemon.exitCode() == 0, err.constData());
    QVERIFY2(!err.contains("error"), err.constData());
    QVERIFY(QFileInfo::exists(state + QStringLiteral("/ringside/ringside.db")));
}

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
