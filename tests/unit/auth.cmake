# Tests for app/auth
ringside_test(tst_constant_time SOURCES tst_constant_time.cpp LIBS ringside_auth LABELS unit auth)
ringside_test(tst_bearer_token_auth SOURCES tst_bearer_token_auth.cpp LIBS ringside_auth LABELS unit auth)
ringside_test(tst_standard_webhooks SOURCES tst_standard_webhooks.cpp LIBS ringside_auth LABELS unit auth)
ringside_test(tst_auth_factory SOURCES tst_auth_factory.cpp LIBS ringside_auth LABELS unit auth)
