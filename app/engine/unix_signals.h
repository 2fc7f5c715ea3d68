#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace ringside {

/** Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), for graceful shutdown. */
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace ringside
