# Tests for app/store
