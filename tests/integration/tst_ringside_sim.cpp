#include "raw_http_client.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace ringside::test;

namespace {

QString binary()
{
    return QString::fromLocal8Bit(qgetenv("RINGSIDE_BUILD_DIR")) + QStringLiteral("/app/main/ringside-sim");
}

/** The real ringside-sim binary on a port it picks itself (--listen 127.0.0.1:0). */
class SimProcess
{
public:
    ~SimProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /** Starts it and waits for the listening line; reads the port from it. */
    bool start(const QStringList &extraArgs, int timeoutMs = 10000)
    {
        m_process.start(binary(), QStringList{QStringLiteral("crm"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}
                                      + extraArgs);
        if (!m_process.waitForStarted(timeoutMs))
            return false;
        static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            m_output += QString::fromLocal8Bit(m_process.readAllStandardOutput());
            const auto match = listening.match(m_output);
            if (match.hasMatch()) {
                port = quint16(match.captured(1).toUInt());
                return port != 0;
            }
        }
        return false;
    }

    void signal(int sig) { ::kill(pid_t(m_process.processId()), sig); }
    /** Waits for the exit; the exit code, or -1 when it crashed or did not exit in time. */
    int waitForExit(int timeoutMs = 10000)
    {
        if (!m_process.waitForFinished(timeoutMs))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QString output() const { return m_output; }
    quint16 port = 0;

private:
    QProcess m_process;
    QString m_output;
};

int run(const QStringList &args, QByteArray *err)
{
    QProcess p;
    p.start(binary(), args);
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestRingsideSim : public QObject
{
    Q_OBJECT

private slots:
    void servesAndExitsCleanly_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void servesAndExitsCleanly()
    {
        QFETCH(int, sig);
        SimProcess sim;
        QVERIFY2(sim.start({QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--token"), QStringLiteral("t")}),
                 qPrintable(sim.output()));
        QVERIFY(sim.output().contains(QLatin1String("seed 3")));

        const QByteArray body = R"({"properties":{"call_uuid":"c1","hs_timestamp":"1780000000000"}})";
        auto r = exchange(sim.port, RawHttpClient::post("/crm/v3/objects/calls", body,
                                                        {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer t")}}));
        QVERIFY(r);
        QCOMPARE(r->status, 201);
        r = exchange(sim.port, RawHttpClient::post("/crm/v3/objects/calls", body));
        QVERIFY(r);
        QCOMPARE(r->status, 401);
        r = exchange(sim.port, "GET /_sandbox/report HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(QJsonDocument::fromJson(r->body).object()[QLatin1String("records")].toInt(), 1);

        sim.signal(sig);
        QCOMPARE(sim.waitForExit(), 0);
    }

    void exitsCleanlyWhileHoldingAHangingRequest()
    {
        SimProcess sim;
        QVERIFY2(sim.start({QStringLiteral("--hang-rate"), QStringLiteral("1")}), qPrintable(sim.output()));
        RawHttpClient hung;
        QVERIFY(hung.connectTo(sim.port));
        QVERIFY(hung.send(RawHttpClient::post("/hooks/crm", R"({"call":{"call_uuid":"c1"}})")));
        QVERIFY(!hung.readResponse(300));
        sim.signal(SIGTERM);
        // The held request is answered on the way out rather than cut off, and the exit follows.
        const auto last = hung.readResponse(5000);
        QVERIFY(last);
        QCOMPARE(last->status, 503);
        hung.socket().close();
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(sim.waitForExit(), 0);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }

    void badCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no subcommand") << QStringList{} << "usage";
        QTest::newRow("unknown subcommand") << QStringList{"traffic-typo"} << "usage";
        QTest::newRow("rate above 1") << QStringList{"crm", "--error-rate", "2"} << "error_rate";
        QTest::newRow("bad listen") << QStringList{"crm", "--listen", "nowhere"} << "ADDRESS:PORT";
        QTest::newRow("send: rate not a number") << QStringList{"send", "--rate", "fast"} << "--rate must be a number";
        QTest::newRow("send: share above 1") << QStringList{"send", "--duplicates", "1.5"} << "--duplicates";
        QTest::newRow("send: https") << QStringList{"send", "--url", "https://x.example/"} << "http:// URL";
        QTest::newRow("send: bad secret") << QStringList{"send", "--secret", "whsec_%%"} << "--secret";
        QTest::newRow("send: two auths") << QStringList{"send", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                                        "--token", "t"} << "alternatives";
        QTest::newRow("send: bad schedule") << QStringList{"send", "--retry-schedule", "30,soon"} << "--retry-schedule";
    }

    void sendReportsWhatItGaveUp()
    {
        // Nobody listens on the port: every send fails, no retries asked, so all are given up.
        QProcess p;
        p.start(binary(), {QStringLiteral("send"), QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/webhooks/unlimcall"),
                           QStringLiteral("--calls"), QStringLiteral("3"), QStringLiteral("--answer-rate"), QStringLiteral("1"),
                           QStringLiteral("--retry-schedule"), QString(), QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        const QJsonObject report = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(report.value(QStringLiteral("calls")).toInt(), 3);
        QCOMPARE(report.value(QStringLiteral("events")).toInt(), 9);
        QCOMPARE(report.value(QStringLiteral("gave_up")).toInt(), 9);
        QCOMPARE(report.value(QStringLiteral("acknowledged")).toInt(), 0);
    }

    void badCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QByteArray err;
        QCOMPARE(run(args, &err), 2);
        QVERIFY2(QString::fromLocal8Bit(err).contains(mentions), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestRingsideSim)
#include "tst_ringside_sim.moc"
