#include "daemon_process.h"
#include "load_client.h"
#include "raw_http_client.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <optional>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace ringside::test;

namespace {

QList<QByteArray> threeEventsPerCall(int calls, const QString &prefix)
{
    QList<QByteArray> requests;
    for (int i = 0; i < calls; ++i) {
        const QString uuid = QStringLiteral("%1-%2").arg(prefix).arg(i);
        for (const char *e : {"call.initiated", "call.answered", "call.completed"})
            requests << unlimcallRequest(uuid, e);
    }
    return requests;
}

QString keyOf(const QByteArray &request)
{
    const QJsonObject o = QJsonDocument::fromJson(request.mid(request.indexOf("\r\n\r\n") + 4)).object();
    return o.value(QLatin1String("call_uuid")).toString() + QLatin1Char('/') + o.value(QLatin1String("event")).toString();
}

/** call_uuid/event of every stored event, via `ringsided export`. */
QList<QString> exportedEventKeys(const QString &db)
{
    QByteArray out, err;
    const int code = DaemonProcess::run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--what"),
                                         QStringLiteral("events"), QStringLiteral("--format"), QStringLiteral("jsonl")},
                                        &out, &err);
    if (code != 0)
        qWarning() << "export failed:" << err;
    QList<QString> keys;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        keys << o.value(QLatin1String("call_uuid")).toString() + QLatin1Char('/') + o.value(QLatin1String("event")).toString();
    }
    return keys;
}

} // namespace

class TestRingsided : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void badConfigurationIsOneLineAndNonZero_data();
    void badConfigurationIsOneLineAndNonZero();
    void configWithSecretsReadableByOthersIsWarnedAbout();
    void checkConfigRefusesWhatAStartRefuses_data() { badConfigurationIsOneLineAndNonZero_data(); }
    void checkConfigRefusesWhatAStartRefuses();
    void checkConfigShowsWhatWouldRunAndNoSecret();
    void checkConfigRefusesADatabaseFromANewerRingside();
    void storeFilesThatAreNotQuiteStores();
    void gracefulShutdownOnSigterm();
    void tellsSystemdWhenReadyAndWhenStopping_data();
    void tellsSystemdWhenReadyAndWhenStopping();
    void saysNotReadyWhenTheStartFails();
    void unreachableNotifySocketIsAWarningNotAFailure();
    void acceptsAgainAfterRunningOutOfDescriptors();
    void exportWritesCallsAsJsonlAndCsv();
    void everyAcknowledgedEventSurvivesKill9();

private:
    QTemporaryDir m_dir;
};

void TestRingsided::badConfigurationIsOneLineAndNonZero_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    // 2: the configuration itself is wrong (systemd does not restart it: RestartPreventExitStatus=2);
    // 1: a good configuration that failed to start (a port in use may free up).
    QTest::addColumn<int>("exitCode");
    static QTcpServer busy; // holds a port so ringsided finds it in use
    if (!busy.isListening())
        busy.listen(QHostAddress::LocalHost, 0);
    const QString db = m_dir.filePath(QStringLiteral("cfg.db"));
    QTest::newRow("port in use") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--listen"),
                                                QStringLiteral("127.0.0.1:%1").arg(busy.serverPort())}
                                 << QStringLiteral("cannot listen") << 1;
    QTest::newRow("unwritable database path")
        << QStringList{QStringLiteral("--db"), QStringLiteral("/proc/ringside/x.db"), QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:0")}
        << QStringLiteral("/proc/ringside") << 1;
    QTest::newRow("bad secret format") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--webhook-secret"),
                                                      QStringLiteral("not-a-secret")}
                                       << QStringLiteral("whsec_") << 2;
    QTest::newRow("public address without auth")
        << QStringList{QStringLiteral("--db"), db, QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")}
        << QStringLiteral("--insecure-no-auth") << 2;
    QTest::newRow("bad listen address") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--listen"),
                                                       QStringLiteral("localhost:http")}
                                        << QStringLiteral("--listen") << 2;
    QTest::newRow("secret and token") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--webhook-token"),
                                                     QStringLiteral("t"), QStringLiteral("--webhook-secret"),
                                                     QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")}
                                      << QStringLiteral("alternatives") << 2;
    QTest::newRow("sink URL not http") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--sink-url"),
                                                     QStringLiteral("ftp://crm.example/calls")}
                                       << QStringLiteral("not an http(s) URL") << 2;
    QTest::newRow("sink URL without a host") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--sink-url"),
                                                           QStringLiteral("https:/hooks/T0/tk-path")}
                                             << QStringLiteral("url has no host") << 2;
    QTest::newRow("sink secret without URL") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--sink-secret"),
                                                            QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")}
                                             << QStringLiteral("--sink-secret needs --sink-url") << 2;
    QTest::newRow("bad sink secret") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--sink-url"),
                                                    QStringLiteral("http://127.0.0.1:9/x"), QStringLiteral("--sink-secret"),
                                                    QStringLiteral("secret")}
                                     << QStringLiteral("whsec_") << 2;
    QTest::newRow("bad sink events") << QStringList{QStringLiteral("--db"), db, QStringLiteral("--sink-url"),
                                                    QStringLiteral("http://127.0.0.1:9/x"), QStringLiteral("--sink-events"),
                                                    QStringLiteral("some")}
                                     << QStringLiteral("--sink-events must be all or completed") << 2;
    // A config file with exactly this text; its path.
    const auto iniFile = [this](const char *name, const QByteArray &text) {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(text);
        return path;
    };
    QTest::newRow("bearer scheme without a token (INI)")
        << QStringList{QStringLiteral("--db"), db, QStringLiteral("--config"),
                       iniFile("bearer.ini", "[auth]\nscheme=bearer\n")}
        << QStringLiteral("non-empty token") << 2;
    QTest::newRow("public address, auth scheme \" none\" (INI)")
        << QStringList{QStringLiteral("--db"), db, QStringLiteral("--config"),
                       iniFile("quoted-none.ini", "[server]\nlisten=0.0.0.0:0\n[auth]\nscheme=\" none\"\n")}
        << QStringLiteral("--insecure-no-auth") << 2;
    QTest::newRow("missing config file") << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent.ini")}
                                         << QStringLiteral("/nonexistent.ini") << 2;
}

void TestRingsided::badConfigurationIsOneLineAndNonZero()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QFETCH(int, exitCode);
    QByteArray out, err;
    const int code = DaemonProcess::run(args, &out, &err, 15000);
    QVERIFY2(code == exitCode, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(code).arg(QString::fromUtf8(err))));
    const QByteArray line = err.trimmed();
    QVERIFY2(!line.contains('\n'), line.constData());
    QVERIFY2(line.startsWith("ringsided: error: "), line.constData());
    QVERIFY2(QString::fromUtf8(line).contains(message), line.constData());
}

// `ringsided check-config` is how an operator tests an edited file before a restart: whatever makes a
// start refuse its configuration (exit 2) must make check-config refuse it too, with the same reason.
void TestRingsided::checkConfigRefusesWhatAStartRefuses()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QFETCH(int, exitCode);
    if (exitCode != 2)
        QSKIP("a start fails on this only when it binds or creates the file; check-config does neither");
    QByteArray out, err;
    const int code = DaemonProcess::run(QStringList{QStringLiteral("check-config")} + args, &out, &err, 15000);
    QVERIFY2(code == 2, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(code).arg(QString::fromUtf8(err))));
    const QByteArray line = err.trimmed();
    QVERIFY2(!line.contains('\n'), line.constData());
    QVERIFY2(line.startsWith("ringsided check-config: error: "), line.constData());
    QVERIFY2(QString::fromUtf8(line).contains(message), line.constData());
    QVERIFY2(out.isEmpty(), out.constData());
}

void TestRingsided::checkConfigShowsWhatWouldRunAndNoSecret()
{
    const QString ini = m_dir.filePath(QStringLiteral("check.ini"));
    const QByteArray token = "tok-5d1f33e0aa";
    const QByteArray sinkSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[server]\nlisten=0.0.0.0:18080\n[auth]\nscheme=bearer\ntoken=" + token
               + "\n[sink.crm]\nurl=https://ops:pw-9a7b@crm.example/hooks/calls?key=k-31c8\nsecret=" + sinkSecret
               + "\nevents=completed\n[sink.hubspot]\ntype=hubspot\ntoken=pat-na1-0f0e\n"
               // The token in the path, as Slack and Discord webhooks have it.
               + "[sink.chat]\nurl=https://chat.example:8443/api/webhooks/1234/tk-path-77e2\n");
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    // The port the running service holds: checking must not need it.
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    const QString db = m_dir.filePath(QStringLiteral("check-new.db"));

    QByteArray out, err;
    const int code = DaemonProcess::run({QStringLiteral("check-config"), QStringLiteral("--config"), ini,
                                         QStringLiteral("--db"), db, QStringLiteral("--admin-listen"),
                                         QStringLiteral("127.0.0.1:%1").arg(busy.serverPort())},
                                        &out, &err, 15000);
    QVERIFY2(code == 0, err.constData());
    QVERIFY2(err.isEmpty(), err.constData());
    const QString text = QString::fromUtf8(out);
    QVERIFY2(text.startsWith(QLatin1String("ringsided check-config: OK, ringsided would start with:\n")), out.constData());
    QVERIFY2(text.contains(QLatin1String("  webhooks  http://0.0.0.0:18080, auth: bearer token\n")), out.constData());
    QVERIFY2(text.contains(QStringLiteral("  admin     http://127.0.0.1:%1 (/metrics, /healthz)\n").arg(busy.serverPort())),
             out.constData());
    QVERIFY2(text.contains(QStringLiteral("  database  %1 (new: created at start)\n").arg(db)), out.constData());
    QVERIFY2(text.contains(QLatin1String("  sinks     chat: webhook https://chat.example:8443/... (call.initiated, "
                                         "call.answered, call.completed)\n")),
             out.constData());
    QVERIFY2(text.contains(QLatin1String("            crm: webhook https://crm.example/... (call.completed)\n")),
             out.constData());
    QVERIFY2(text.contains(QLatin1String("            hubspot: hubspot https://api.hubapi.com (")), out.constData());
    for (const QByteArray &secret : {token, sinkSecret, QByteArray("pw-9a7b"), QByteArray("k-31c8"),
                                     QByteArray("pat-na1-0f0e"), QByteArray("tk-path-77e2")})
        QVERIFY2(!out.contains(secret) && !err.contains(secret), secret.constData());
    QVERIFY2(!QFile::exists(db), "check-config must not create the database");

    // A mistyped URL is refused by its scheme, without echoing what may be a credential.
    QCOMPARE(DaemonProcess::run({QStringLiteral("check-config"), QStringLiteral("--db"), db, QStringLiteral("--sink-url"),
                                 QStringLiteral("htps://ops:pw-2c@crm.example/hook/tk-91?key=k-5d")},
                                &out, &err, 15000),
             2);
    QVERIFY2(err.contains("url is not an http(s) URL (its scheme is 'htps')"), err.constData());
    for (const char *secret : {"pw-2c", "tk-91", "k-5d"})
        QVERIFY2(!err.contains(secret), err.constData());

    // An existing store: its schema version is what a start would find.
    DaemonProcess daemon(db);
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));
    QCOMPARE(daemon.terminate(), 0);
    QCOMPARE(DaemonProcess::run({QStringLiteral("check-config"), QStringLiteral("--db"), db}, &out, &err, 15000), 0);
    QVERIFY2(out.contains("  database  " + db.toUtf8() + " (schema "), out.constData());
    QVERIFY2(out.contains("  sinks     none (events are stored, not delivered)\n"), out.constData());
}

// After a downgrade the store is from a newer Ringside: a start refuses it, and so must the check.
void TestRingsided::checkConfigRefusesADatabaseFromANewerRingside()
{
    const QString db = m_dir.filePath(QStringLiteral("check-newer.db"));
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        sql.setDatabaseName(db);
        QVERIFY(sql.open());
        QVERIFY(QSqlQuery(sql).exec(QStringLiteral("PRAGMA user_version = 999")));
        sql.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    QByteArray out, err;
    QCOMPARE(DaemonProcess::run({QStringLiteral("check-config"), QStringLiteral("--db"), db}, &out, &err, 15000), 2);
    QVERIFY2(err.startsWith("ringsided check-config: error: " + db.toUtf8() + ": database schema version 999 is newer"),
             err.constData());
    // The same refusal as a start's, and a configuration error there too (exit 2: systemd does not
    // restart into the same refusal every 2 s).
    QByteArray startErr;
    QCOMPARE(DaemonProcess::run({QStringLiteral("--db"), db, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                                &out, &startErr, 15000),
             2);
    QVERIFY2(startErr.startsWith("ringsided: error: " + db.toUtf8() + ": database schema version 999 is newer"),
             startErr.constData());
}

// The edges of "what a start would find": an empty file is a new store, a file that is no database is
// refused by both (exit 2: no restart helps), and a store check-config may not look at is neither OK
// nor "new" — a real store could be there.
void TestRingsided::storeFilesThatAreNotQuiteStores()
{
    QByteArray out, err;
    const QString empty = m_dir.filePath(QStringLiteral("empty.db"));
    QFile(empty).open(QIODevice::WriteOnly);
    QCOMPARE(DaemonProcess::run({QStringLiteral("check-config"), QStringLiteral("--db"), empty}, &out, &err), 0);
    QVERIFY2(out.contains(" (schema 0: migrated to "), out.constData());
    DaemonProcess daemon(empty);
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));
    QCOMPARE(daemon.terminate(), 0);

    const QString text = m_dir.filePath(QStringLiteral("notes.db"));
    QFile notes(text);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write(QByteArray(4096, 'x'));
    notes.close();
    QCOMPARE(DaemonProcess::run({QStringLiteral("check-config"), QStringLiteral("--db"), text}, &out, &err), 2);
    QVERIFY2(err.startsWith("ringsided check-config: error: " + text.toUtf8() + ": "), err.constData());
    QCOMPARE(DaemonProcess::run({QStringLiteral("--db"), text, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                                &out, &err),
             2);
    QVERIFY2(err.startsWith("ringsided: error: " + text.toUtf8() + ": "), err.constData());
    QCOMPARE(notes.size(), 4096);   // left alone

    // A directory the checking user may not enter. Root enters everything, so as root the check runs
    // as nobody (setpriv, util-linux), for whom the test's private temp dir is closed anyway.
    QDir(m_dir.path()).mkdir(QStringLiteral("closed"));
    const QString closed = m_dir.filePath(QStringLiteral("closed"));
    QFile::setPermissions(closed, QFile::ReadOwner | QFile::WriteOwner);   // no x: nothing inside can be seen
    auto reopen = qScopeGuard([&] { QFile::setPermissions(closed, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner); });
    QStringList command{DaemonProcess::binary()};
    if (::geteuid() == 0) {
        command = QStringList{QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                              QStringLiteral("--clear-groups")}
                  + command;
        if (QProcess::execute(command.constFirst(), command.mid(1) + QStringList{QStringLiteral("--version")}) != 0)
            QSKIP("as root this needs setpriv and a ringsided that user nobody may run");
    }
    QProcess check;
    check.start(command.constFirst(), command.mid(1) + QStringList{QStringLiteral("check-config"), QStringLiteral("--db"),
                                                                   closed + QStringLiteral("/r.db")});
    QVERIFY(check.waitForFinished(15000));
    out = check.readAllStandardOutput();
    err = check.readAllStandardError();
    QCOMPARE(check.exitCode(), 1);
    QVERIFY2(err.startsWith("ringsided check-config: error: could not check the database: cannot look at "), err.constData());
    QVERIFY2(!out.contains("new: created at start"), out.constData());
}

void TestRingsided::configWithSecretsReadableByOthersIsWarnedAbout()
{
    const QString ini = m_dir.filePath(QStringLiteral("secrets.ini"));
    const QByteArray token = "tok-7c1e0d9a5b";
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[auth]\nscheme=bearer\ntoken=" + token + "\n");
    file.close();

    // stderr of a daemon that started with the file, refused an unauthenticated webhook (so the
    // secret was in force) and stopped cleanly; empty if any of that failed.
    const auto stderrOfAStart = [&](QFile::Permissions permissions) -> std::optional<QByteArray> {
        file.setPermissions(permissions);
        DaemonProcess daemon(m_dir.filePath(QStringLiteral("secrets.db")));
        if (!daemon.start({QStringLiteral("--config"), ini})) {
            qWarning() << "did not start:" << daemon.output();
            return std::nullopt;
        }
        const auto refused = exchange(daemon.port(), unlimcallRequest(QStringLiteral("no-token"), "call.initiated"));
        if (!refused || refused->status != 401 || daemon.terminate() != 0) {
            qWarning() << "expected a 401 and a clean stop; got" << (refused ? refused->status : 0);
            return std::nullopt;
        }
        return daemon.process().readAllStandardError(); // after the exit: everything it wrote
    };
    const auto loose = stderrOfAStart(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    QVERIFY(loose);
    QVERIFY2(loose->contains("ringsided: warning: config file " + ini.toUtf8() + " holds secrets"), loose->constData());
    QVERIFY2(loose->contains("chmod 600"), loose->constData());
    QVERIFY2(!loose->contains(token), "the warning must not show the secret");

    const auto tight = stderrOfAStart(QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(tight);
    QVERIFY2(!tight->contains("warning"), tight->constData());
}

void TestRingsided::gracefulShutdownOnSigterm()
{
    const QString db = m_dir.filePath(QStringLiteral("term.db"));
    DaemonProcess daemon(db);
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));
    QVERIFY(daemon.output().contains(QStringLiteral("127.0.0.1:%1").arg(daemon.port())));
    QVERIFY(daemon.output().contains(QStringLiteral("127.0.0.1:%1").arg(daemon.adminPort())));

    LoadClient client(daemon.port(), 8, threeEventsPerCall(100, QStringLiteral("term")));
    QSignalSpy done(&client, &LoadClient::finished);
    client.start();
    QVERIFY(done.wait(30000));
    QCOMPARE(client.countStatus(200), 300);
    QCOMPARE(daemon.terminate(), 0);
    QCOMPARE(exportedEventKeys(db).size(), 300);
}

namespace {

/** The systemd end of the sd_notify protocol: a datagram socket at a path or in the abstract namespace. */
class NotifySocket
{
public:
    explicit NotifySocket(const QByteArray &name) : m_name(name)
    {
        sockaddr_un address{};
        if (size_t(name.size()) >= sizeof(address.sun_path))
            return;   // not bound: the test says so
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
        if (name.startsWith('@'))
            address.sun_path[0] = '\0';
        const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(name.size()));
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), length) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (m_bound && m_name.startsWith('/'))
            ::unlink(m_name.constData());
    }
    bool isBound() const { return m_bound; }
    /** The next message, or empty if none came within timeoutMs. */
    QByteArray receive(int timeoutMs)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) != 1)
            return {};
        char buffer[4096];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        return n > 0 ? QByteArray(buffer, int(n)) : QByteArray();
    }

private:
    QByteArray m_name;
    int m_fd = -1;
    bool m_bound = false;
};

void setEnvironment(DaemonProcess &daemon, const QString &name, const QString &value)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(name, value);
    daemon.process().setProcessEnvironment(environment);
}

} // namespace

// Under the unit's Type=notify, systemd counts ringsided as started only when it says READY=1, and
// shows its STATUS line in `systemctl status`; both socket address forms systemd uses must work.
void TestRingsided::tellsSystemdWhenReadyAndWhenStopping_data()
{
    QTest::addColumn<QByteArray>("socketName");
    QTest::newRow("path") << m_dir.filePath(QStringLiteral("notify.sock")).toLocal8Bit();
    QTest::newRow("abstract") << QByteArray("@ringside-test-notify-") + QByteArray::number(::getpid());
}

void TestRingsided::tellsSystemdWhenReadyAndWhenStopping()
{
    QFETCH(QByteArray, socketName);
    NotifySocket systemd(socketName);
    QVERIFY2(systemd.isBound(), socketName.constData());
    // Started by hand, not by DaemonProcess::start (which waits for the listening line): READY alone
    // must be enough to know both ports answer.
    QProcess daemon;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NOTIFY_SOCKET"), QString::fromLocal8Bit(socketName));
    daemon.setProcessEnvironment(environment);
    daemon.start(DaemonProcess::binary(),
                 {QStringLiteral("--db"), m_dir.filePath(QStringLiteral("notify-%1.db").arg(QTest::currentDataTag())),
                  QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--admin-listen"),
                  QStringLiteral("127.0.0.1:0")});
    QVERIFY(daemon.waitForStarted());
    auto stop = qScopeGuard([&daemon] {
        daemon.kill();
        daemon.waitForFinished();
    });

    const QByteArray starting = systemd.receive(15000);
    QVERIFY2(starting.startsWith("STATUS=starting: opening the store"), starting.constData());
    QVERIFY2(!starting.contains("READY"), starting.constData());
    const QByteArray ready = systemd.receive(15000);
    QVERIFY2(ready.startsWith("READY=1\nSTATUS=listening: "), ready.constData());
    quint16 port = 0, adminPort = 0;   // both bound on port 0: READY's status line says which
    QVERIFY2(DaemonProcess::listeningPorts(QString::fromUtf8(ready), &port, &adminPort), ready.constData());
    for (quint16 p : {port, adminPort}) {
        const auto health = exchange(p, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(health && health->status == 200, qPrintable(QStringLiteral("port %1 not answering at READY").arg(p)));
    }
    QCOMPARE(systemd.receive(0), QByteArray());   // one READY, nothing else while it runs

    daemon.terminate();   // SIGTERM
    QVERIFY(daemon.waitForFinished(20000));
    QCOMPARE(daemon.exitCode(), 0);
    QCOMPARE(systemd.receive(10000), QByteArray("STOPPING=1\nSTATUS=stopping: finishing the commits in flight"));
    QVERIFY(!daemon.readAllStandardError().contains("warning"));
}

// A start that fails must never have said READY: systemd would count a dead service as running.
void TestRingsided::saysNotReadyWhenTheStartFails()
{
    NotifySocket systemd(m_dir.filePath(QStringLiteral("notify-fail.sock")).toLocal8Bit());
    QVERIFY(systemd.isBound());
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    QProcess daemon;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NOTIFY_SOCKET"), m_dir.filePath(QStringLiteral("notify-fail.sock")));
    daemon.setProcessEnvironment(environment);
    daemon.start(DaemonProcess::binary(), {QStringLiteral("--db"), m_dir.filePath(QStringLiteral("notify-fail.db")),
                                           QStringLiteral("--listen"),
                                           QStringLiteral("127.0.0.1:%1").arg(busy.serverPort())});
    QVERIFY(daemon.waitForFinished(15000));
    QCOMPARE(daemon.exitCode(), 1);
    QVERIFY(systemd.receive(0).startsWith("STATUS=starting: "));
    QCOMPARE(systemd.receive(0), QByteArray());
}

// A NOTIFY_SOCKET nobody listens on (a unit with Type=notify misconfigured, a stale variable in a
// shell) must not keep ringsided from serving: it says so on stderr and carries on.
void TestRingsided::unreachableNotifySocketIsAWarningNotAFailure()
{
    DaemonProcess daemon(m_dir.filePath(QStringLiteral("notify-missing.db")));
    const QString missing = m_dir.filePath(QStringLiteral("nobody-listens.sock"));
    setEnvironment(daemon, QStringLiteral("NOTIFY_SOCKET"), missing);
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += daemon.process().readAllStandardError()).contains("cannot notify systemd"), 10000);
    QVERIFY2(err.startsWith("ringsided: warning: cannot notify systemd at " + missing.toLocal8Bit() + ": "),
             err.constData());
    const auto health = exchange(daemon.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(health);
    QCOMPARE(health->status, 200);
    QCOMPARE(daemon.terminate(), 0);
    err += daemon.process().readAllStandardError();
    QCOMPARE(err.count("cannot notify systemd"), 1);   // said once, not for each of its three messages
}

// Out of descriptors (EMFILE), QTcpServer stops accepting for good unless told to resume: the
// port would then complete handshakes nobody serves. Once descriptors are free again, a new
// client must be answered, and the daemon must have said what happened.
void TestRingsided::acceptsAgainAfterRunningOutOfDescriptors()
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    constexpr bool sanitized = true;
#elif defined(__has_feature)
    constexpr bool sanitized = __has_feature(address_sanitizer) || __has_feature(thread_sanitizer);
#else
    constexpr bool sanitized = false;
#endif
    if (sanitized) {
        // Their runtimes need descriptors too: UBSan's vptr check opens a pipe to test whether memory
        // is readable, and at EMFILE it reports a live object as having an invalid vptr.
        QSKIP("a sanitizer runtime cannot work in a process that is out of file descriptors");
    }
    const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
    if (prlimit.isEmpty())
        QSKIP("needs prlimit (util-linux)");
    DaemonProcess daemon(m_dir.filePath(QStringLiteral("nofile.db")));
    // About 17 descriptors at rest: room for ~30 connections, not for 60 (the rest wait in the
    // backlog of 50, so no connect() below blocks).
    daemon.setLauncher({prlimit, QStringLiteral("--nofile=48:48"), QStringLiteral("--")});
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));
    QByteArray err;
    const auto stderrHas = [&](const QByteArray &text) {
        err += daemon.process().readAllStandardError();
        return err.contains(text);
    };
    // In the same shape as ringsided's own warnings, whichever part of the engine logs it.
    QTRY_VERIFY2(stderrHas("ringsided: warning: ringside.engine: the open-file limit (48) is low"), err.constData());

    // Plain blocking connects: each is complete (in the daemon's backlog or accepted) on return.
    std::vector<int> hogs;
    const auto closeHogs = qScopeGuard([&hogs] {
        for (int fd : hogs)
            ::close(fd);
    });
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(daemon.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < 60; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        hogs.push_back(fd);
        QVERIFY2(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0, strerror(errno));
    }
    QTRY_VERIFY2_WITH_TIMEOUT(stderrHas("cannot accept connections"), err.constData(), 10000);
    for (int fd : hogs)
        ::close(fd); // their descriptors in the daemon close as it sees them go
    hogs.clear();

    QTRY_VERIFY2_WITH_TIMEOUT(stderrHas("accepting connections again"), err.constData(), 10000);
    const auto response = exchange(daemon.port(), unlimcallRequest(QStringLiteral("after-emfile"), "call.initiated"));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    const int code = daemon.terminate();
    err += daemon.process().readAllStandardError();
    QVERIFY2(code == 0, qPrintable(QStringLiteral("exit %1, %2, signal/code %3; stderr:\n%4")
                                       .arg(code)
                                       .arg(daemon.process().exitStatus() == QProcess::CrashExit ? "crashed" : "exited")
                                       .arg(daemon.process().exitCode())
                                       .arg(QString::fromUtf8(err))));
}

void TestRingsided::exportWritesCallsAsJsonlAndCsv()
{
    const QString db = m_dir.filePath(QStringLiteral("export.db"));
    DaemonProcess daemon(db);
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));
    for (const char *e : {"call.completed", "call.initiated"})
        QCOMPARE(exchange(daemon.port(), unlimcallRequest(QStringLiteral("exp-1"), e))->status, 200);

    QByteArray out, err;
    QCOMPARE(DaemonProcess::run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--what"),
                                 QStringLiteral("calls")}, &out, &err), 0);
    const QJsonObject call = QJsonDocument::fromJson(out.trimmed()).object();
    QCOMPARE(call.value(QLatin1String("call_uuid")).toString(), QStringLiteral("exp-1"));
    QCOMPARE(call.value(QLatin1String("outcome")).toString(), QStringLiteral("answered"));
    QCOMPARE(call.value(QLatin1String("talk_ms")).toInt(), 196000);

    QCOMPARE(DaemonProcess::run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"),
                                 QStringLiteral("csv")}, &out, &err), 0);
    QCOMPARE(out.trimmed().split('\n').size(), 2);
    QVERIFY(out.startsWith("call_uuid,"));

    QCOMPARE(DaemonProcess::run({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--what"),
                                 QStringLiteral("everything")}, &out, &err), 2);
    QVERIFY(err.contains("--what must be calls or events"));
    QCOMPARE(DaemonProcess::run({QStringLiteral("export"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("none.db"))},
                                &out, &err), 2);
    QVERIFY(err.contains("no database"));
    QCOMPARE(daemon.terminate(), 0);
}

void TestRingsided::everyAcknowledgedEventSurvivesKill9()
{
    const QString db = m_dir.filePath(QStringLiteral("crash.db"));
    const QList<QByteArray> requests = threeEventsPerCall(1500, QStringLiteral("crash"));
    DaemonProcess daemon(db);
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));

    LoadClient client(daemon.port(), 32, requests);
    QSignalSpy done(&client, &LoadClient::finished);
    bool killed = false;
    connect(&client, &LoadClient::progress, this, [&](int answered) {
        if (!killed && answered >= 1500) {
            killed = true;
            daemon.killHard(); // mid-stream: commits in flight, responses unwritten
        }
    });
    client.start();
    QVERIFY(done.wait(60000));
    QVERIFY(killed);
    QSet<QString> acknowledged;
    for (int i = 0; i < requests.size(); ++i)
        if (client.statuses()[i] == 200)
            acknowledged.insert(keyOf(requests[i]));
    QVERIFY(acknowledged.size() >= 1500);
    QVERIFY2(acknowledged.size() < requests.size(), "the kill must land mid-stream");

    // Restarted on the same file, every event that got a 200 is there.
    QVERIFY2(daemon.start(), qPrintable(daemon.output()));
    const QList<QString> stored = exportedEventKeys(db);
    const QSet<QString> storedSet(stored.cbegin(), stored.cend());
    QCOMPARE(stored.size(), storedSet.size());
    for (const QString &k : acknowledged)
        QVERIFY2(storedSet.contains(k), qPrintable(k));

    // The provider resends everything: all answered 200, nothing stored twice.
    LoadClient resend(daemon.port(), 32, requests);
    QSignalSpy resent(&resend, &LoadClient::finished);
    resend.start();
    QVERIFY(resent.wait(60000));
    QCOMPARE(resend.countStatus(200), requests.size());
    QCOMPARE(daemon.terminate(), 0);
    const QList<QString> after = exportedEventKeys(db);
    QCOMPARE(after.size(), requests.size());
    QCOMPARE(QSet<QString>(after.cbegin(), after.cend()).size(), requests.size());
}

QTEST_GUILESS_MAIN(TestRingsided)
#include "tst_ringsided.moc"
