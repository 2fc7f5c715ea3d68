#include "ui/call_timeline_panel.h"

#include "models/engine_host.h"
#include "models/query_runner.h"
#include "store/store_reader.h"
#include "ui/call_timeline_view.h"
#include "ui/payload_dialog.h"

#include <QScrollArea>
#include <QVBoxLayout>

namespace ringside {

CallTimelinePanel::CallTimelinePanel(QueryRunner &runner, EngineHost &host, QWidget *parent)
    : QWidget(parent), m_runner(runner), m_view(new CallTimelineView)
{
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    m_view->clear(tr("Select a call to see its timeline: every event, every receipt, every CRM attempt."));
    connect(m_view, &CallTimelineView::payloadRequested, this, &CallTimelinePanel::openPayload);
    // A call's late events and its delivery attempts change what the timeline shows.
    connect(&host, &EngineHost::storeChanged, this, [this] {
        if (!m_callUuid.isEmpty())
            load();
    });
}

void CallTimelinePanel::showCall(const QString &callUuid)
{
    if (callUuid == m_callUuid)
        return;
    m_callUuid = callUuid;
    m_timeline.reset();
    load();
}

void CallTimelinePanel::load()
{
    const quint64 generation = ++m_generation;
    m_runner.run(this, [this, generation, uuid = m_callUuid](StoreReader *reader, const QString &openError) {
        QString error = openError;
        std::optional<CallTimeline> timeline;
        if (reader)
            timeline = CallTimelineQuery::load(reader->database(), uuid, &error);
        return [this, generation, timeline = std::move(timeline), error] {
            if (generation != m_generation)
                return; // another call was selected meanwhile
            if (timeline) {
                if (!m_timeline || !(*m_timeline == *timeline))
                    m_view->setTimeline(*timeline);
                m_timeline = timeline;
            } else {
                m_view->clear(error.isEmpty() ? tr("This call is not in the store.")
                                              : tr("Could not read the call: %1").arg(error));
            }
            Q_EMIT loaded(error);
        };
    });
}

void CallTimelinePanel::openPayload(qint64 eventId)
{
    if (!m_timeline)
        return;
    for (const TimelineReceipt &r : std::as_const(m_timeline->receipts)) {
        if (r.eventId != eventId)
            continue;
        auto *dialog = new PayloadDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setReceipt(r, m_timeline->call.firstReceivedAt);
        dialog->show();
        return;
    }
}

} // namespace ringside
