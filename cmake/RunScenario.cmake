# cmake/RunScenario.cmake - runs `drvhost run SCENARIO` and fails unless it exits with
# EXPECT_EXIT and its stderr matches every regular expression of EXPECT_STDERR (a list, set by
# the optional EXPECT_FILE). Usage: cmake -DDRVHOST=<exe> -DSCENARIO=<file> -DEXPECT_EXIT=<n>
# [-DEXPECT_FILE=<file.cmake>] -P RunScenario.cmake
foreach(var DRVHOST SCENARIO EXPECT_EXIT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "RunScenario.cmake: -D${var}=... is required")
    endif()
endforeach()
if(NOT EXISTS "${SCENARIO}")
    message(FATAL_ERROR "scenario file ${SCENARIO} does not exist")
endif()

set(EXPECT_STDERR "")
if(DEFINED EXPECT_FILE)
    include("${EXPECT_FILE}")
endif()
execute_process(COMMAND "${DRVHOST}" run "${SCENARIO}" RESULT_VARIABLE status
                ERROR_VARIABLE errors)
message("${errors}")
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "drvhost run ${SCENARIO}: exit status ${status}, expected ${EXPECT_EXIT}")
endif()
foreach(re IN LISTS EXPECT_STDERR)
    if(NOT errors MATCHES "${re}")
        message(FATAL_ERROR "drvhost run ${SCENARIO}: stderr does not match: ${re}")
    endif()
endforeach()
message(STATUS "drvhost run ${SCENARIO}: exit status ${status} as expected")
