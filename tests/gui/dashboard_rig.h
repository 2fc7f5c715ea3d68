#pragma once

#include "core/clock.h"
#include "load_client.h"
#include "models/engine_host.h"
#include "raw_http_client.h"
#include "sandbox_process.h"

#include <QTemporaryDir>
#include <QUrl>

namespace ringside::test {

/** The app's engine on a temporary store, delivering to a sandbox CRM: what the dashboard watches. */
struct DashboardRig
{
    QTemporaryDir dir;
    SandboxProcess crm;
    EngineHost host{Clock::system()};

    QString databasePath() const { return dir.filePath(QStringLiteral("dashboard.db")); }

    bool start(int rollupIntervalMs = 60'000, const QStringList &crmFlags = {})
    {
        if (!crm.start(crmFlags))
            return false;
        SinkConfig sink;
        sink.name = QStringLiteral("crm");
        sink.url = QUrl(crm.url());
        sink.timeoutMs = 5000;
        EngineConfig config;
        config.listenPort = 0;
        config.adminPort = 0;
        config.databasePath = databasePath();
        config.rollupIntervalMs = rollupIntervalMs;
        config.sinks = {sink};
        QString error;
        if (!host.start(config, &error)) {
            qWarning() << error;
            return false;
        }
        return true;
    }

    quint16 port() const { return quint16(QUrl(host.webhookUrl()).port()); }

    int post(const QString &callUuid, const char *event)
    {
        const auto r = exchange(port(), unlimcallRequest(callUuid, event));
        return r ? r->status : 0;
    }

    int postRaw(const QByteArray &path, const QByteArray &body)
    {
        const auto r = exchange(port(), RawHttpClient::post(path, body));
        return r ? r->status : 0;
    }
};

} // namespace ringside::test
