# Tests for the desktop app: the Failures and Events pages, their models and the curl replay.
# The models' stores are real SQLite files written by the engine's own writer (failures_fixture).
add_library(ringside_failures_fixture STATIC ${CMAKE_CURRENT_LIST_DIR}/failures_fixture.h ${CMAKE_CURRENT_LIST_DIR}/failures_fixture.cpp)
target_link_libraries(ringside_failures_fixture PUBLIC ringside_models ringside_engine ringside_store Qt6::Test)
target_include_directories(ringside_failures_fixture PUBLIC ${CMAKE_CURRENT_LIST_DIR})

ringside_test(tst_failures_model SOURCES tst_failures_model.cpp LIBS ringside_models ringside_failures_fixture)
ringside_test(tst_failures_attempts_model SOURCES tst_failures_attempts_model.cpp LIBS ringside_models ringside_failures_fixture)
ringside_test(tst_failures_batch SOURCES tst_failures_batch.cpp LIBS ringside_models ringside_failures_fixture TIMEOUT 180)
ringside_test(tst_events_model SOURCES tst_events_model.cpp LIBS ringside_models ringside_failures_fixture)
ringside_test(tst_events_payload SOURCES tst_events_payload.cpp LIBS ringside_models)
ringside_test(tst_curl_command SOURCES tst_curl_command.cpp LIBS ringside_models)
ringside_test(tst_failures_page SOURCES tst_failures_page.cpp LIBS ringside_ui TIMEOUT 180)
add_dependencies(tst_failures_page ringside-sim)
ringside_test(tst_events_page SOURCES tst_events_page.cpp LIBS ringside_ui)
