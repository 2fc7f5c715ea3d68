// The German translation: complete, placeholder-safe, compiled into the app, and used by real widgets.
#include "models/desktop_settings.h"
#include "models/timeline_text.h"
#include "ui/settings_dialog.h"
#include "ui/translations.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace ringside;

namespace {

/** One <message> of a .ts file, as lupdate wrote it and the translator filled it. */
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; // one translation, or one per plural form
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QString context;
    TsMessage m;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message"))
            messages << m;
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS") || name == QLatin1String("context"))
            continue;
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage{};
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            m.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            if (!m.numerus)
                m.forms << xml.readElementText();
        } else if (name == QLatin1String("numerusform")) {
            m.forms << xml.readElementText();
        } else {
            xml.skipCurrentElement();
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%[1-9n]"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}

QString where(const TsMessage &m) { return QStringLiteral("[%1] \"%2\"").arg(m.context, m.source); }

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_messages = readTs(QStringLiteral(RINGSIDE_SOURCE_DIR "/translations/ringside_de.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_messages.size() > 100);
        m_installed = installTranslations(QStringLiteral("de"));
    }

    // CI fails on a string someone added without a German translation, naming every one.
    void everyMessageIsTranslated()
    {
        QStringList problems;
        for (const TsMessage &m : std::as_const(m_messages)) {
            const int expectedForms = m.numerus ? 2 : 1; // German: singular, plural
            if (m.unfinished)
                problems << QStringLiteral("unfinished: ") + where(m);
            else if (m.forms.size() != expectedForms)
                problems << QStringLiteral("%1 forms instead of %2: ").arg(m.forms.size()).arg(expectedForms) + where(m);
            else if (std::any_of(m.forms.cbegin(), m.forms.cend(), [](const QString &f) { return f.trimmed().isEmpty(); }))
                problems << QStringLiteral("empty translation: ") + where(m);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("\n") + problems.join(QLatin1Char('\n'))));
    }

    // A lost or extra %1 shows the user a raw "%2" or drops a number.
    void placeholdersMatchTheSource()
    {
        QStringList problems;
        for (const TsMessage &m : std::as_const(m_messages)) {
            const QStringList expected = placeholders(m.source);
            for (const QString &form : m.forms) {
                if (placeholders(form) != expected)
                    problems << QStringLiteral("%1 -> \"%2\"").arg(where(m), form);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("\n") + problems.join(QLatin1Char('\n'))));
    }

    void germanIsInstalled() { QCOMPARE(m_installed, QStringLiteral("de")); }

    // The .qm in the resources is built from the current .ts: every message translates at run time.
    void compiledTranslationMatchesTheTs()
    {
        QStringList stale;
        for (const TsMessage &m : std::as_const(m_messages)) {
            const QByteArray context = m.context.toUtf8();
            const QByteArray source = m.source.toUtf8();
            const QByteArray comment = m.comment.toUtf8();
            const char *disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
            for (int i = 0; i < m.forms.size(); ++i) {
                const int n = m.numerus ? (i == 0 ? 1 : 5) : -1;
                QString expected = m.forms.at(i);
                if (m.numerus)
                    expected.replace(QLatin1String("%n"), QString::number(n));
                const QString got = QCoreApplication::translate(context.constData(), source.constData(), disambiguation, n);
                if (got != expected)
                    stale << QStringLiteral("%1 gives \"%2\"").arg(where(m), got);
            }
        }
        QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("\n") + stale.join(QLatin1Char('\n'))));
    }

    void knownStringsAreGerman_data()
    {
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("german");
        QTest::newRow("menu entry") << QByteArray("ringside::MainWindow") << QByteArray("&Settings…") << -1
                                    << QStringLiteral("&Einstellungen…");
        QTest::newRow("call outcome") << QByteArray("ringside::CallsModel") << QByteArray("Answered") << -1
                                      << QStringLiteral("Angenommen");
        QTest::newRow("one call") << QByteArray("ringside::CallsPage") << QByteArray("%n call(s) shown") << 1
                                  << QStringLiteral("1 Anruf angezeigt");
        QTest::newRow("many calls") << QByteArray("ringside::CallsPage") << QByteArray("%n call(s) shown") << 42
                                    << QStringLiteral("42 Anrufe angezeigt");
    }
    void knownStringsAreGerman()
    {
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, source);
        QFETCH(int, n);
        QFETCH(QString, german);
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(), nullptr, n), german);
    }

    // The contexts lupdate recorded are the ones the code asks for at run time.
    void classesAskForTheirRecordedContext()
    {
        QCOMPARE(TimelineText::missing({QStringLiteral("call.completed")}), QStringLiteral("Fehlt: call.completed"));
        SettingsDialog dialog{DesktopSettings{}};
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Ringside-Einstellungen"));
        DesktopSettings bad;
        bad.listen = QStringLiteral("banana:80");
        QVERIFY2(bad.problem(QStringLiteral("listen")).startsWith(QLatin1String("ADRESSE:PORT")),
                 qPrintable(bad.problem(QStringLiteral("listen"))));
    }

    void englishNeedsNoTranslation() { QCOMPARE(installTranslations(QStringLiteral("en")), QString()); }

private:
    QList<TsMessage> m_messages;
    QString m_installed;
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
