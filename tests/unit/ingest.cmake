# Tests for app/ingest
