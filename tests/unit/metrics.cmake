# Tests for app/metrics
