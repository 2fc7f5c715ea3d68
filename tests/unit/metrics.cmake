# Tests for app/metrics
ringside_test(tst_histogram SOURCES tst_histogram.cpp LIBS ringside_metrics)
ringside_test(tst_pipeline_metrics SOURCES tst_pipeline_metrics.cpp LIBS ringside_metrics)
ringside_test(tst_prometheus_text SOURCES tst_prometheus_text.cpp LIBS ringside_metrics)
ringside_test(tst_minute_rollup SOURCES tst_minute_rollup.cpp LIBS ringside_metrics)
