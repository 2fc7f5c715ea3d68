# Integration tests for app/sim: real HTTP over loopback to the sandbox CRM (in-process and the binary).
ringside_test(tst_sim_sandbox_crm SOURCES tst_sandbox_crm.cpp LIBS ringside_sim)
ringside_test(tst_ringside_sim SOURCES tst_ringside_sim.cpp TIMEOUT 180)
add_dependencies(tst_ringside_sim ringside-sim)
ringside_test(tst_sim_traffic_sender SOURCES tst_traffic_sender.cpp LIBS ringside_sim ringside_engine)
