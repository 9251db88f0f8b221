# ExpectExit.cmake - runs COMMAND (a ;-list) and fails unless it exits with EXPECT_EXIT and its
# stderr matches EXPECT_STDERR. Usage: cmake -DCOMMAND=... -DEXPECT_EXIT=<n>
# -DEXPECT_STDERR=<regex> -P ExpectExit.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status ERROR_VARIABLE errors)
message("${errors}")
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "${COMMAND}: exit status ${status}, expected ${EXPECT_EXIT}")
endif()
if(NOT errors MATCHES "${EXPECT_STDERR}")
    message(FATAL_ERROR "${COMMAND}: stderr does not match: ${EXPECT_STDERR}")
endif()
