#include "ui/settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ringside {

namespace {

QSpinBox *spin(int min, int max, int value, const QString &suffix)
{
    auto *s = new QSpinBox;
    s->setRange(min, max);
    s->setValue(value);
    s->setSuffix(suffix);
    return s;
}

} // namespace

SettingsDialog::SettingsDialog(const DesktopSettings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_intro(new QLabel(this))
{
    setWindowTitle(tr("Ringside settings"));
    m_loading = true;
    auto *tabs = new QTabWidget(this);

    // Receiver: where providers reach us and how they prove who they are.
    auto *receiver = new QWidget;
    auto *rform = new QFormLayout(receiver);
    m_listen = addLine(rform, tr("Listen on"), QStringLiteral("listen"), settings.listen);
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1:8080"));
    m_adminListen = addLine(rform, tr("Admin (metrics) on"), QStringLiteral("admin_listen"), settings.adminListen);
    m_adminListen->setPlaceholderText(tr("127.0.0.1, webhook port + 1"));
    m_authScheme = new QComboBox;
    m_authScheme->setObjectName(QStringLiteral("auth_scheme"));
    m_authScheme->addItem(tr("None (this machine only)"), QStringLiteral("none"));
    m_authScheme->addItem(tr("Bearer token"), QStringLiteral("bearer"));
    m_authScheme->addItem(tr("Standard Webhooks signature"), QStringLiteral("standard-webhooks"));
    m_authScheme->setCurrentIndex(qMax(0, m_authScheme->findData(settings.authScheme)));
    rform->addRow(tr("Webhook authentication"), m_authScheme);
    rform->addRow(QString(), problemLabel(QStringLiteral("auth_scheme")));
    m_authSecret = addLine(rform, tr("Token or secret"), QStringLiteral("auth_secret"), settings.authSecret);
    m_authSecret->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_authSecret->setPlaceholderText(tr("whsec_... (several separated by spaces while rotating)"));
    m_retention = spin(0, DesktopSettings::kMaxRetentionDays, settings.retentionDays, tr(" days"));
    m_retention->setObjectName(QStringLiteral("retention_days"));
    m_retention->setSpecialValueText(tr("Keep everything"));
    rform->addRow(tr("Delete finished calls after"), m_retention);
    auto *retentionHint = new QLabel(tr("A call goes with its events and CRM attempts once its last event is older"
                                        " than this and nothing about it is still pending or failed."));
    retentionHint->setWordWrap(true);
    rform->addRow(QString(), retentionHint);
    rform->addRow(QString(), problemLabel(QStringLiteral("retention_days")));
    tabs->addTab(receiver, tr("Receiver"));

    // CRM sinks: a list on the left, the selected one's fields on the right.
    auto *sinks = new QWidget;
    auto *slayout = new QHBoxLayout(sinks);
    auto *left = new QVBoxLayout;
    m_sinkList = new QListWidget;
    m_sinkList->setObjectName(QStringLiteral("sinkList"));
    for (const SinkSettings &s : std::as_const(m_settings.sinks))
        m_sinkList->addItem(s.name);
    auto *add = new QPushButton(tr("Add sink"));
    auto *remove = new QPushButton(tr("Remove"));
    auto *sinkButtons = new QHBoxLayout;
    sinkButtons->addWidget(add);
    sinkButtons->addWidget(remove);
    left->addWidget(m_sinkList);
    left->addLayout(sinkButtons);
    slayout->addLayout(left, 1);
    m_sinkForm = new QWidget;
    auto *kform = new QFormLayout(m_sinkForm);
    m_sinkName = addLine(kform, tr("Name"), QStringLiteral("sink.name"), {});
    m_sinkType = new QComboBox;
    m_sinkType->addItem(tr("Webhook (JSON POST)"), QStringLiteral("webhook"));
    m_sinkType->addItem(tr("HubSpot calls"), QStringLiteral("hubspot"));
    kform->addRow(tr("Type"), m_sinkType);
    m_sinkUrl = addLine(kform, tr("URL"), QStringLiteral("sink.url"), {});
    m_sinkSecret = addLine(kform, tr("Signing secret / token"), QStringLiteral("sink.secret"), {});
    m_sinkSecret->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_sinkEvents = new QComboBox;
    m_sinkEvents->addItem(tr("Every event"), QStringLiteral("all"));
    m_sinkEvents->addItem(tr("Completed calls only"), QStringLiteral("completed"));
    kform->addRow(tr("Send"), m_sinkEvents);
    m_sinkAttempts = spin(1, 100, 12, QString());
    kform->addRow(tr("Give up after (attempts)"), m_sinkAttempts);
    m_sinkAge = spin(1, 24 * 30, 24, tr(" h"));
    kform->addRow(tr("Give up after (age)"), m_sinkAge);
    slayout->addWidget(m_sinkForm, 2);
    tabs->addTab(sinks, tr("CRM sinks"));

    // Alerts and language.
    auto *general = new QWidget;
    auto *gform = new QFormLayout(general);
    m_failureSpike = spin(1, 100, settings.failureSpikePercent, QStringLiteral(" %"));
    gform->addRow(tr("Failure spike: failed attempts above"), m_failureSpike);
    m_dedupSpike = spin(1, 100, settings.dedupSpikePercent, QStringLiteral(" %"));
    gform->addRow(tr("Retry storm: duplicates above"), m_dedupSpike);
    m_backlog = spin(1, 10'000'000, settings.backlogAlert, QString());
    gform->addRow(tr("Backlog alert: grew by (deliveries in 10 min)"), m_backlog);
    m_incomplete = spin(1, 1'000'000, settings.incompleteCallsAlert, QString());
    gform->addRow(tr("Incomplete calls alert at (last 24 h)"), m_incomplete);
    m_language = new QComboBox;
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language)));
    gform->addRow(tr("Language (after restart)"), m_language);
    tabs->addTab(general, tr("Alerts and language"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_intro->setWordWrap(true);
    m_intro->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (m_settings.problems().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_sinkList, &QListWidget::currentRowChanged, this, &SettingsDialog::showSink);
    connect(add, &QPushButton::clicked, this, [this] {
        SinkSettings s;
        s.name = QStringLiteral("crm%1").arg(m_settings.sinks.size() + 1);
        m_settings.sinks.append(s);
        m_sinkList->addItem(s.name);
        m_sinkList->setCurrentRow(int(m_settings.sinks.size() - 1));
        validate();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_sinkList->currentRow();
        if (row < 0)
            return;
        m_sinkRow = -1;
        m_settings.sinks.removeAt(row);
        delete m_sinkList->takeItem(row);
        showSink(m_sinkList->currentRow());
        validate();
    });
    const auto changed = [this] { validate(); };
    for (QLineEdit *e : {m_listen, m_adminListen, m_authSecret, m_sinkName, m_sinkUrl, m_sinkSecret})
        connect(e, &QLineEdit::textChanged, this, changed);
    for (QComboBox *c : {m_authScheme, m_sinkType, m_sinkEvents, m_language})
        connect(c, &QComboBox::currentIndexChanged, this, changed);
    for (QSpinBox *s : {m_sinkAttempts, m_sinkAge, m_failureSpike, m_dedupSpike, m_backlog, m_incomplete, m_retention})
        connect(s, &QSpinBox::valueChanged, this, changed);

    m_loading = false;
    m_sinkList->setCurrentRow(m_settings.sinks.isEmpty() ? -1 : 0);
    showSink(m_sinkList->currentRow());
    validate();
    resize(720, 480);
}

void SettingsDialog::setIntro(const QString &text)
{
    m_intro->setText(text);
    m_intro->setVisible(!text.isEmpty());
}

QLineEdit *SettingsDialog::addLine(QFormLayout *form, const QString &label, const QString &field, const QString &value)
{
    auto *edit = new QLineEdit(value);
    edit->setObjectName(field);
    form->addRow(label, edit);
    form->addRow(QString(), problemLabel(field));
    return edit;
}

QLabel *SettingsDialog::problemLabel(const QString &field)
{
    auto *label = new QLabel;
    label->setObjectName(field + QStringLiteral("_problem"));
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(p);
    label->hide();
    m_problems.insert(field, label);
    return label;
}

void SettingsDialog::readForm()
{
    m_settings.listen = m_listen->text();
    m_settings.adminListen = m_adminListen->text();
    m_settings.authScheme = m_authScheme->currentData().toString();
    m_settings.authSecret = m_authSecret->text();
    if (m_sinkRow >= 0 && m_sinkRow < m_settings.sinks.size()) {
        SinkSettings &s = m_settings.sinks[m_sinkRow];
        s.name = m_sinkName->text();
        s.type = m_sinkType->currentData().toString();
        s.url = m_sinkUrl->text();
        s.secret = m_sinkSecret->text();
        s.events = m_sinkEvents->currentData().toString();
        s.maxAttempts = m_sinkAttempts->value();
        s.maxAgeHours = m_sinkAge->value();
        if (QListWidgetItem *item = m_sinkList->item(m_sinkRow))
            item->setText(s.name);
    }
    m_settings.failureSpikePercent = m_failureSpike->value();
    m_settings.dedupSpikePercent = m_dedupSpike->value();
    m_settings.backlogAlert = m_backlog->value();
    m_settings.incompleteCallsAlert = m_incomplete->value();
    m_settings.retentionDays = m_retention->value();
    m_settings.language = m_language->currentData().toString();
}

void SettingsDialog::showSink(int row)
{
    const bool was = std::exchange(m_loading, true);
    m_sinkRow = row;
    m_sinkForm->setEnabled(row >= 0);
    const SinkSettings s = row >= 0 && row < m_settings.sinks.size() ? m_settings.sinks.at(row) : SinkSettings{};
    m_sinkName->setText(s.name);
    m_sinkType->setCurrentIndex(qMax(0, m_sinkType->findData(s.type)));
    m_sinkUrl->setText(s.url);
    m_sinkSecret->setText(s.secret);
    m_sinkEvents->setCurrentIndex(qMax(0, m_sinkEvents->findData(s.events)));
    m_sinkAttempts->setValue(s.maxAttempts);
    m_sinkAge->setValue(s.maxAgeHours);
    m_loading = was;
    validate();
}

void SettingsDialog::validate()
{
    if (m_loading)
        return;
    readForm();
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it) {
        QString field = it.key();
        if (field.startsWith(QLatin1String("sink.")))
            field = m_sinkRow < 0 ? QString() : QStringLiteral("sink.%1.%2").arg(m_sinkRow).arg(field.mid(5));
        const QString problem = field.isEmpty() ? QString() : m_settings.problem(field);
        it.value()->setText(problem);
        it.value()->setVisible(!problem.isEmpty());
    }
    const auto all = m_settings.problems();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(all.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(all.isEmpty() ? QString() : all.first());
}

QString SettingsDialog::shownProblem(const QString &field) const
{
    QString key = field;
    if (field.startsWith(QLatin1String("sink."))) {
        const QStringList parts = field.split(QLatin1Char('.'));
        if (parts.size() != 3 || parts[1].toInt() != m_sinkRow)
            return m_settings.problem(field);
        key = QStringLiteral("sink.") + parts[2];
    }
    const QLabel *label = m_problems.value(key);
    return label && label->isVisibleTo(this) ? label->text() : QString();
}

} // namespace ringside
