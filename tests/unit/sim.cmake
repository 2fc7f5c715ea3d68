# Tests for app/sim
