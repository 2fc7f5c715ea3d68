# Tests for app/ingest
ringside_test(tst_http_request_parser
    SOURCES tst_http_request_parser.cpp
    LIBS ringside_ingest)
