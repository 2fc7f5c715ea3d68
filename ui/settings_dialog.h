#pragma once

#include "models/desktop_settings.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace ringside {

/** Listen address, webhook auth, CRM sinks, retry limits, alert thresholds and language.
 *  Every field is checked as it is typed and its problem shown under it; OK stays disabled
 *  until nothing is wrong, so a bad port or secret never reaches the engine. */
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const DesktopSettings &settings, QWidget *parent = nullptr);

    DesktopSettings settings() const { return m_settings; }
    /** The problem shown for a field ("listen", "auth_secret", "sink.0.url", ...), or empty. */
    QString shownProblem(const QString &field) const;
    /** An optional first-run greeting shown above the form. */
    void setIntro(const QString &text);

private:
    QLineEdit *addLine(QFormLayout *form, const QString &label, const QString &field, const QString &value);
    QLabel *problemLabel(const QString &field);
    void readForm();
    void showSink(int row);
    void validate();

    DesktopSettings m_settings;
    QLabel *m_intro;
    QMap<QString, QLabel *> m_problems;
    QLineEdit *m_listen = nullptr;
    QLineEdit *m_adminListen = nullptr;
    QComboBox *m_authScheme = nullptr;
    QLineEdit *m_authSecret = nullptr;
    QListWidget *m_sinkList = nullptr;
    QWidget *m_sinkForm = nullptr;
    QLineEdit *m_sinkName = nullptr;
    QComboBox *m_sinkType = nullptr;
    QLineEdit *m_sinkUrl = nullptr;
    QLineEdit *m_sinkSecret = nullptr;
    QComboBox *m_sinkEvents = nullptr;
    QSpinBox *m_sinkAttempts = nullptr;
    QSpinBox *m_sinkAge = nullptr;
    QSpinBox *m_failureSpike = nullptr;
    QSpinBox *m_dedupSpike = nullptr;
    QSpinBox *m_backlog = nullptr;
    QSpinBox *m_incomplete = nullptr;
    QSpinBox *m_retention = nullptr;
    QComboBox *m_language = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    int m_sinkRow = -1;
    bool m_loading = false;
};

} // namespace ringside
