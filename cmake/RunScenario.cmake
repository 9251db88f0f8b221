# cmake/RunScenario.cmake - runs `drvhost run [ARGS] SCENARIO` and fails unless it exits with
# EXPECT_EXIT. Usage: cmake -DDRVHOST=<exe> -DSCENARIO=<file> -DEXPECT_EXIT=<n> -P RunScenario.cmake
#
# Comment lines of the scenario may add checks:
#   # drvhost-args: --timeout 300      command-line options placed before SCENARIO
#   # expect-output: REGEX             stdout + stderr must match the CMake regular expression
#   # reject-output: REGEX             ... must not match it
foreach(var DRVHOST SCENARIO EXPECT_EXIT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "RunScenario.cmake: -D${var}=... is required")
    endif()
endforeach()
if(NOT EXISTS "${SCENARIO}")
    message(FATAL_ERROR "scenario file ${SCENARIO} does not exist")
endif()

file(STRINGS "${SCENARIO}" directives REGEX "^# (drvhost-args|expect-output|reject-output): ")
set(args "")
set(expects "")
set(rejects "")
foreach(line IN LISTS directives)
    if(line MATCHES "^# drvhost-args: (.*)$")
        separate_arguments(more UNIX_COMMAND "${CMAKE_MATCH_1}")
        list(APPEND args ${more})
    elseif(line MATCHES "^# expect-output: (.*)$")
        list(APPEND expects "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^# reject-output: (.*)$")
        list(APPEND rejects "${CMAKE_MATCH_1}")
    endif()
endforeach()

execute_process(COMMAND "${DRVHOST}" run ${args} "${SCENARIO}" RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "drvhost run ${SCENARIO}: exit status ${status}, expected ${EXPECT_EXIT}")
endif()
foreach(re IN LISTS expects)
    if(NOT "${out}${err}" MATCHES "${re}")
        message(FATAL_ERROR "drvhost run ${SCENARIO}: the output does not match: ${re}")
    endif()
endforeach()
foreach(re IN LISTS rejects)
    if("${out}${err}" MATCHES "${re}")
        message(FATAL_ERROR "drvhost run ${SCENARIO}: the output matches: ${re}")
    endif()
endforeach()
message(STATUS "drvhost run ${SCENARIO}: exit status ${status} as expected")
