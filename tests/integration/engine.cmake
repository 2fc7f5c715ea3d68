# Integration tests for app/engine
