#include "daemon_process.h"
#include "load_client.h"
#include "raw_http_client.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <optional>
#include <netinet/in.h>
#include <sys/socket.h>
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
    void gracefulShutdownOnSigterm();
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
    const QString bearerWithoutToken = m_dir.filePath(QStringLiteral("bearer.ini"));
    QFile ini(bearerWithoutToken);
    if (ini.open(QIODevice::WriteOnly))
        ini.write("[auth]\nscheme=bearer\n");
    ini.close();
    QTest::newRow("bearer scheme without a token (INI)")
        << QStringList{QStringLiteral("--db"), db, QStringLiteral("--config"), bearerWithoutToken}
        << QStringLiteral("non-empty token") << 2;
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
