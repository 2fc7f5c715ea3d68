# Pure delivery policy pieces (no I/O, no clock reads): included by app/delivery/CMakeLists.txt.
target_sources(ringside_delivery PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/retry_policy.h ${CMAKE_CURRENT_LIST_DIR}/retry_policy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/circuit_breaker.h ${CMAKE_CURRENT_LIST_DIR}/circuit_breaker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/token_bucket.h ${CMAKE_CURRENT_LIST_DIR}/token_bucket.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hubspot_mapping.h ${CMAKE_CURRENT_LIST_DIR}/hubspot_mapping.cpp
)
# hubspot_mapping.h takes a CallRecord (store) and uses providers' q850 and ISO time helpers.
target_link_libraries(ringside_delivery PUBLIC ringside_store ringside_providers ringside_core)
