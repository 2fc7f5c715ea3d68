# Tests for app/providers
