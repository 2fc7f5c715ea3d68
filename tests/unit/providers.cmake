# Tests for app/providers
# Tests read sample payloads from the repository, not from any machine-specific folder.
set(RINGSIDE_PAYLOADS_DIR "${PROJECT_SOURCE_DIR}/resources/payloads")

ringside_test(tst_canonical_event SOURCES tst_canonical_event.cpp LIBS ringside_providers LABELS unit providers)
ringside_test(tst_unlimcall_normaliser SOURCES tst_unlimcall_normaliser.cpp LIBS ringside_providers LABELS unit providers)
target_compile_definitions(tst_unlimcall_normaliser PRIVATE RINGSIDE_PAYLOADS_DIR="${RINGSIDE_PAYLOADS_DIR}")
ringside_test(tst_q850 SOURCES tst_q850.cpp LIBS ringside_providers LABELS unit providers)
ringside_test(tst_dedup_key SOURCES tst_dedup_key.cpp LIBS ringside_providers LABELS unit providers)
ringside_test(tst_flat_json_object SOURCES tst_flat_json_object.cpp LIBS ringside_providers LABELS unit providers)
