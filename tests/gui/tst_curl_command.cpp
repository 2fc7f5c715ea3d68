#include "models/curl_command.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ringside;

namespace {

/** Stands in for curl: records the headers and the exact body bytes it was given. */
const char *const kFakeCurl = R"(#!/bin/sh
: > "$RS_OUT.headers"
: > "$RS_OUT.args"
while [ $# -gt 0 ]; do
  case "$1" in
    -H) printf '%s\n' "$2" >> "$RS_OUT.headers"; shift 2 ;;
    --data-binary) if [ "$2" = "@-" ]; then cat > "$RS_OUT"; else printf '%s' "$2" > "$RS_OUT"; fi; shift 2 ;;
    *) printf '%s\n' "$1" >> "$RS_OUT.args"; shift ;;
  esac
done
)";

} // namespace

class TestCurlCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void replaysTheExactBytes_data();
    void replaysTheExactBytes();
    void quotesForTheShell_data();
    void quotesForTheShell();
    void neverCopiesASecret();
    void aDescriptionCannotLeaveItsComment();

private:
    /** Runs the command in `shell` with the fake curl; returns the body it received. */
    QByteArray runIn(const QString &shell, const QString &command, QString *headers = nullptr, QString *args = nullptr);

    QTemporaryDir m_dir;
};

void TestCurlCommand::initTestCase()
{
    QFile curl(m_dir.filePath(QStringLiteral("curl")));
    QVERIFY(curl.open(QIODevice::WriteOnly));
    curl.write(kFakeCurl);
    curl.close();
    QVERIFY(curl.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

QByteArray TestCurlCommand::runIn(const QString &shell, const QString &command, QString *headers, QString *args)
{
    const QString out = m_dir.filePath(QStringLiteral("body"));
    QFile::remove(out);
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), m_dir.path() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("RS_OUT"), out);
    p.setProcessEnvironment(env);
    p.start(shell, {QStringLiteral("-c"), command});
    if (!p.waitForFinished(10000) || p.exitCode() != 0) {
        qWarning() << shell << "failed:" << p.readAllStandardError();
        return "<failed>";
    }
    auto read = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    };
    if (headers)
        *headers = QString::fromUtf8(read(out + QStringLiteral(".headers")));
    if (args)
        *args = QString::fromUtf8(read(out + QStringLiteral(".args")));
    return read(out);
}

void TestCurlCommand::replaysTheExactBytes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("json") << QByteArray(R"({"event":"call.completed","call_uuid":"abc"})");
    QTest::newRow("single quotes") << QByteArray(R"({"name":"O'Brien's 'phone'"})");
    QTest::newRow("double quotes and backslashes") << QByteArray(R"({"a":"\"quoted\" \\ \\n"})");
    QTest::newRow("newlines") << QByteArray("{\n  \"a\": 1\n}\n\n");
    QTest::newRow("command substitution") << QByteArray(R"x({"x":"$(touch pwned)","y":"`touch pwned`","z":"${HOME}"})x");
    QTest::newRow("printf specials") << QByteArray(R"({"p":"100% %s %d \x41 \101"})");
    QTest::newRow("starts with @") << QByteArray("@/etc/passwd");
    QTest::newRow("starts with -") << QByteArray("-n not an option");
    QTest::newRow("unicode") << QByteArray("{\"n\":\"Zoë Müller — 東京\"}");
    QTest::newRow("terminal escapes") << QByteArray("{\"x\":\"\x1b]0;pwned\x07\x1b[2J\"}");
    QTest::newRow("carriage return and tab") << QByteArray("a\r\nb\tc");
    QTest::newRow("bidi override") << QByteArray("{\"x\":\"\xe2\x80\xae evil\"}");
    QTest::newRow("binary with NUL") << QByteArray("\x00\x01\xff\xfe'\"\\%\n", 10);
    QTest::newRow("empty") << QByteArray();
}

void TestCurlCommand::replaysTheExactBytes()
{
    QFETCH(QByteArray, body);
    CurlReplay r;
    r.url = QStringLiteral("http://127.0.0.1:8080/webhooks/unlimcall");
    r.contentType = QStringLiteral("application/json; charset=utf-8");
    r.body = body;
    r.authScheme = QStringLiteral("bearer");
    r.description = QStringLiteral("event 1");
    const QString command = CurlCommand::build(r);
    for (const QString &shell : {QStringLiteral("/bin/sh"), QStringLiteral("/bin/bash")}) {
        if (QStandardPaths::findExecutable(shell).isEmpty() && !QFile::exists(shell))
            continue;
        QString headers, args;
        QCOMPARE(runIn(shell, command, &headers, &args), body);
        QVERIFY2(!QFile::exists(m_dir.filePath(QStringLiteral("pwned"))), "the payload ran a command");
        QCOMPARE(headers, QStringLiteral("Content-Type: application/json; charset=utf-8\n"
                                         "Authorization: Bearer <WEBHOOK-TOKEN>\n"));
        QVERIFY(args.contains(QLatin1String("http://127.0.0.1:8080/webhooks/unlimcall\n")));
    }
    // Nothing a terminal acts on reaches the clipboard: only printable text, newlines and spaces.
    for (QChar c : command)
        QVERIFY2(c == QLatin1Char('\n') || (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format),
                 qPrintable(QStringLiteral("U+%1 in the command").arg(c.unicode(), 4, 16, QLatin1Char('0'))));
}

void TestCurlCommand::quotesForTheShell_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("'abc'");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
    QTest::newRow("quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("dollar") << QStringLiteral("$(x)") << QStringLiteral("'$(x)'");
}

void TestCurlCommand::quotesForTheShell()
{
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    QCOMPARE(CurlCommand::shellQuote(text), quoted);
}

void TestCurlCommand::neverCopiesASecret()
{
    CurlReplay r;
    r.url = QStringLiteral("http://127.0.0.1:8080/webhooks/unlimcall");
    r.body = "{}";
    r.authScheme = QStringLiteral("standard-webhooks");
    r.description = QStringLiteral("event 7");
    const QString command = CurlCommand::build(r);
    QVERIFY(command.contains(QLatin1String("-H 'webhook-id: <NEW-MESSAGE-ID>'")));
    QVERIFY(command.contains(QLatin1String("-H 'webhook-signature: v1,<BASE64-HMAC-SHA256-OF-ID.TIMESTAMP.BODY>'")));
    QVERIFY(command.contains(QLatin1String("# Signatures expire")));
    // No Content-Type was received, so none is sent (curl would otherwise add a form type).
    QVERIFY(command.contains(QLatin1String("-H 'Content-Type:'")));
    QVERIFY(!command.contains(QLatin1String("whsec_")));

    r.authScheme = QStringLiteral("none");
    r.url.clear();
    const QString open = CurlCommand::build(r);
    QVERIFY(!open.contains(QLatin1String("Authorization")));
    QVERIFY(!open.contains(QLatin1String("webhook-")));
    QVERIFY(open.contains(QLatin1String("'<RINGSIDE-WEBHOOK-URL>'")));
}

void TestCurlCommand::aDescriptionCannotLeaveItsComment()
{
    CurlReplay r;
    r.url = QStringLiteral("http://127.0.0.1:8080/webhooks/unlimcall");
    r.body = "{}";
    r.description = QStringLiteral("call x\ntouch pwned\r\u2028touch pwned2");
    r.bodyTruncated = true;
    const QString command = CurlCommand::build(r);
    QCOMPARE(runIn(QStringLiteral("/bin/sh"), command), QByteArray("{}"));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("pwned"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("pwned2"))));
    QVERIFY(command.contains(QLatin1String("first KiB")));
}

QTEST_MAIN(TestCurlCommand)
#include "tst_curl_command.moc"
