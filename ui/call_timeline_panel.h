#pragma once

#include "models/call_timeline.h"

#include <QWidget>
#include <optional>

namespace ringside {

class CallTimelineView;
class EngineHost;
class QueryRunner;

/** The selected call's timeline under the Calls list: loads it on the query thread, keeps it
 *  current while its events and deliveries change, and opens a receipt's raw payload on click. */
class CallTimelinePanel : public QWidget
{
    Q_OBJECT
public:
    CallTimelinePanel(QueryRunner &runner, EngineHost &host, QWidget *parent = nullptr);

    void showCall(const QString &callUuid);
    QString callUuid() const { return m_callUuid; }
    /** The timeline shown, once loaded. */
    const std::optional<CallTimeline> &timeline() const { return m_timeline; }
    CallTimelineView &view() { return *m_view; }

Q_SIGNALS:
    void loaded(const QString &error);

private:
    void load();
    void openPayload(qint64 eventId);

    QueryRunner &m_runner;
    CallTimelineView *m_view;
    QString m_callUuid;
    std::optional<CallTimeline> m_timeline;
    quint64 m_generation = 0;
};

} // namespace ringside
