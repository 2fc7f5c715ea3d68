# Tests for app/auth
