# Tests for the desktop app: the call timeline (its query, its table model, the drawn view and the
# payload dialog). The stores are real SQLite files written by the engine's own writer and
# delivery queue (tst_call_timeline_fixture).
add_library(ringside_timeline_fixture STATIC
    ${CMAKE_CURRENT_LIST_DIR}/tst_call_timeline_fixture.h ${CMAKE_CURRENT_LIST_DIR}/tst_call_timeline_fixture.cpp)
target_link_libraries(ringside_timeline_fixture PUBLIC ringside_models Qt6::Test)
target_include_directories(ringside_timeline_fixture PUBLIC ${CMAKE_CURRENT_LIST_DIR})

ringside_test(tst_call_timeline_query SOURCES tst_call_timeline_query.cpp LIBS ringside_timeline_fixture)
ringside_test(tst_timeline_rows_model SOURCES tst_timeline_rows_model.cpp LIBS ringside_timeline_fixture)
ringside_test(tst_call_timeline_axis SOURCES tst_call_timeline_axis.cpp LIBS ringside_ui)
ringside_test(tst_call_timeline_view SOURCES tst_call_timeline_view.cpp LIBS ringside_ui ringside_timeline_fixture)
ringside_test(tst_call_timeline_payload_dialog SOURCES tst_call_timeline_payload_dialog.cpp LIBS ringside_ui ringside_timeline_fixture)
