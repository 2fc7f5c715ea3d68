# Integration tests for app/ingest
