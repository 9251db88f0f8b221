# cmake/RunScenario.cmake - runs `drvhost run SCENARIO` and fails unless it exits with
# EXPECT_EXIT. Usage: cmake -DDRVHOST=<exe> -DSCENARIO=<file> -DEXPECT_EXIT=<n> -P RunScenario.cmake
foreach(var DRVHOST SCENARIO EXPECT_EXIT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "RunScenario.cmake: -D${var}=... is required")
    endif()
endforeach()
if(NOT EXISTS "${SCENARIO}")
    message(FATAL_ERROR "scenario file ${SCENARIO} does not exist")
endif()

execute_process(COMMAND "${DRVHOST}" run "${SCENARIO}" RESULT_VARIABLE status)
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "drvhost run ${SCENARIO}: exit status ${status}, expected ${EXPECT_EXIT}")
endif()
message(STATUS "drvhost run ${SCENARIO}: exit status ${status} as expected")
