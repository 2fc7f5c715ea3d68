# Tests for app/delivery
ringside_test(tst_retry_policy SOURCES tst_retry_policy.cpp LIBS ringside_delivery)
ringside_test(tst_circuit_breaker SOURCES tst_circuit_breaker.cpp LIBS ringside_delivery)
ringside_test(tst_token_bucket SOURCES tst_token_bucket.cpp LIBS ringside_delivery)
ringside_test(tst_hubspot_mapping SOURCES tst_hubspot_mapping.cpp LIBS ringside_delivery)
