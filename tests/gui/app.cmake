# Tests for the desktop app: the assembled app, the calls list, settings.
ringside_test(tst_desktop_app SOURCES tst_desktop_app.cpp LIBS ringside_ui TIMEOUT 120)
add_dependencies(tst_desktop_app ringside) # runs the real binary once (SIGTERM)
ringside_test(tst_calls_model SOURCES tst_calls_model.cpp LIBS ringside_ui)
ringside_test(tst_desktop_settings SOURCES tst_desktop_settings.cpp LIBS ringside_ui)
