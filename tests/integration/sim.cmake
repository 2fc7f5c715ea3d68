# Integration tests for app/sim
