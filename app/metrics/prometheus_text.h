#pragma once

#include "metrics/pipeline_metrics.h"

#include <QByteArray>

namespace ringside {

/** Renders metrics in the Prometheus text exposition format (version 0.0.4). */
class PrometheusText
{
public:
    static QByteArray render(const PipelineMetrics::Snapshot &s);
    static QByteArray contentType() { return QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"); }
    /** Appends the "# HELP" and "# TYPE" lines of a metric (type: counter, gauge, histogram). */
    static void appendHeader(QByteArray &out, const char *name, const char *type, const char *help);
    /** Appends one histogram as _bucket/_sum/_count lines. */
    static void appendHistogram(QByteArray &out, const char *name, const char *help, const Histogram::Snapshot &h);
    /** A label value as the format wants it: backslash, double quote and newline escaped. */
    static QByteArray labelValue(const QString &value);
};

} // namespace ringside
