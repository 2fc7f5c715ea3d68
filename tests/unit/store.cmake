# Tests for app/store
ringside_test(tst_call_record SOURCES tst_call_record.cpp LIBS ringside_store)
ringside_test(tst_event_writer SOURCES tst_event_writer.cpp LIBS ringside_store)
ringside_test(tst_store_reader SOURCES tst_store_reader.cpp LIBS ringside_store)
ringside_test(tst_retention SOURCES tst_retention.cpp LIBS ringside_store)
ringside_test(tst_coalescing_vfs SOURCES tst_coalescing_vfs.cpp LIBS ringside_store)
ringside_test(tst_wal_checkpointer SOURCES tst_wal_checkpointer.cpp LIBS ringside_store)
