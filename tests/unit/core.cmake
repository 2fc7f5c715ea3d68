# Tests for app/core
ringside_test(tst_thread_handoff SOURCES tst_thread_handoff.cpp LIBS ringside_core)
