# Integration tests for app/ingest
ringside_test(tst_http_server
    SOURCES tst_http_server.cpp
    LIBS ringside_ingest)
ringside_test(tst_tcp_stream
    SOURCES tst_tcp_stream.cpp
    LIBS ringside_ingest)
