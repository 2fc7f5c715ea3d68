# Integration tests for the engine: real HTTP over loopback, real SQLite files.
ringside_test(tst_engine SOURCES tst_engine.cpp LIBS ringside_engine)
ringside_test(tst_ringsided SOURCES tst_ringsided.cpp LIBS ringside_engine TIMEOUT 300)
add_dependencies(tst_ringsided ringsided)
ringside_test(tst_delivery SOURCES tst_delivery.cpp LIBS ringside_engine TIMEOUT 600)
add_dependencies(tst_delivery ringsided ringside-sim)
ringside_test(tst_event_reprocessor SOURCES tst_event_reprocessor.cpp LIBS ringside_engine)
# app/delivery's HTTP client and webhook sink against scripted servers over loopback.
ringside_test(tst_http_client_pool SOURCES tst_http_client_pool.cpp LIBS ringside_delivery)
ringside_test(tst_webhook_sink SOURCES tst_webhook_sink.cpp LIBS ringside_delivery)
ringside_test(tst_hubspot_sink SOURCES tst_hubspot_sink.cpp LIBS ringside_delivery)
# scripts/install.sh (cmake --install) into a temporary prefix: the files, the systemd unit
# (systemd-analyze verify) and the unit's own command line running the installed daemon.
ringside_test(tst_install SOURCES tst_install.cpp TIMEOUT 300)
target_compile_definitions(tst_install PRIVATE RINGSIDE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
if(RINGSIDE_ENGINE_ONLY)
    target_compile_definitions(tst_install PRIVATE RINGSIDE_ENGINE_ONLY)
    add_dependencies(tst_install ringsided ringside-sim)
else()
    add_dependencies(tst_install ringsided ringside-sim ringside)
endif()
