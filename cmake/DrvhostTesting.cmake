# cmake/DrvhostTesting.cmake - helpers to register tests. Included by tests/CMakeLists.txt, so
# every folder of tests/ and samples/ can use them.
#
# drvhost_add_test(<name> SOURCES <file>... [DRIVERS <driver target>...] [LIBRARIES <lib>...]
#                  [TIMEOUT <seconds>] [ENVIRONMENT <VAR=value>...] [LABELS <label>...])
#   One executable <name> (in build/<preset>/tests/) linked with the harness (tests/harness), which
#   provides main(); one CTest test <name> running it. DRIVERS are built first. Pick names that
#   are unique in the whole tree: <area>_<file>, e.g. io_test_irp.
#
#   A white-box test, one that calls functions hidden in libdrvhost.so (cm_*, the parsers), names
#   LIBRARIES drvhost_rt_internal (src/CMakeLists.txt): the internal headers ("cm/cm.h") and the
#   hidden code it calls; never a file of src/ (test tests_build_from_internal_library).
#
# drvhost_note_internal(<target>)
#   Records a program that links drvhost_rt_internal, for the internal_link_one_copy test
#   (drvhost_add_test does it by itself).
#
# drvhost_add_test_dir([DRIVERS <driver target>...] [LIBRARIES ...] [TIMEOUT ...] [LABELS ...])
#   drvhost_add_test() for every test_*.c of the current folder: test <folder>_<file stem>.
#
# drvhost_add_scenario_test(<name> FILE <path.scn> EXPECT_EXIT <n> [TIMEOUT <seconds>])
#   Runs `drvhost run <path.scn>` from the source root; passes iff its exit status is <n>.
#   FILE is relative to the current source folder.
#
# Every test runs with DRVHOST_DRIVER_PATH and DRVHOST_TEST_DRIVER_DIR set to the driver output
# folder (build/<preset>/drivers).
include_guard(GLOBAL)

set(DRVHOST_TEST_OUTPUT_DIR "${PROJECT_BINARY_DIR}/tests")
set(DRVHOST_TEST_DEFAULT_TIMEOUT 600 CACHE STRING "CTest time-out of one test executable (s)")
set(DRVHOST_TEST_ENVIRONMENT
    "DRVHOST_DRIVER_PATH=${DRVHOST_DRIVER_OUTPUT_DIR}"
    "DRVHOST_TEST_DRIVER_DIR=${DRVHOST_DRIVER_OUTPUT_DIR}")

function(drvhost_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT"
                          "SOURCES;DRIVERS;LIBRARIES;ENVIRONMENT;LABELS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "drvhost_add_test(${name}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "drvhost_add_test(${name}): SOURCES is required")
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT ${DRVHOST_TEST_DEFAULT_TIMEOUT})
    endif()
    add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE drvhost_harness ${arg_LIBRARIES})
    if("drvhost_rt_internal" IN_LIST arg_LIBRARIES)
        drvhost_note_internal(${name})
    endif()
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${DRVHOST_TEST_OUTPUT_DIR}")
    if(arg_DRIVERS)
        add_dependencies(${name} ${arg_DRIVERS})
    endif()
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        ENVIRONMENT "${DRVHOST_TEST_ENVIRONMENT};${arg_ENVIRONMENT}"
        LABELS "unit;${arg_LABELS}")
endfunction()

function(drvhost_note_internal target)
    set_property(GLOBAL APPEND PROPERTY DRVHOST_INTERNAL_PROGRAMS ${target})
endfunction()

function(drvhost_add_test_dir)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "TIMEOUT" "DRIVERS;LIBRARIES;ENVIRONMENT;LABELS")
    get_filename_component(area "${CMAKE_CURRENT_SOURCE_DIR}" NAME)
    file(GLOB files CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/test_*.c")
    list(SORT files)
    foreach(file IN LISTS files)
        get_filename_component(stem "${file}" NAME_WE)
        set(forward SOURCES "${file}")
        foreach(key DRIVERS LIBRARIES ENVIRONMENT LABELS TIMEOUT)
            if(arg_${key})
                list(APPEND forward ${key} ${arg_${key}})
            endif()
        endforeach()
        drvhost_add_test(${area}_${stem} ${forward})
    endforeach()
endfunction()

function(drvhost_add_scenario_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "FILE;EXPECT_EXIT;TIMEOUT" "LABELS")
    if(arg_UNPARSED_ARGUMENTS OR NOT arg_FILE OR "${arg_EXPECT_EXIT}" STREQUAL "")
        message(FATAL_ERROR
                "usage: drvhost_add_scenario_test(<name> FILE <path.scn> EXPECT_EXIT <n>)")
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()
    get_filename_component(file "${arg_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    add_test(NAME ${name}
             COMMAND "${CMAKE_COMMAND}" "-DDRVHOST=$<TARGET_FILE:drvhost>" "-DSCENARIO=${file}"
                     "-DEXPECT_EXIT=${arg_EXPECT_EXIT}"
                     -P "${PROJECT_SOURCE_DIR}/cmake/RunScenario.cmake"
             WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        ENVIRONMENT "${DRVHOST_TEST_ENVIRONMENT}"
        LABELS "scenario;${arg_LABELS}")
endfunction()

# Adds every folder below <dir> that holds a CMakeLists.txt (the outermost one on each path; a
# folder's own CMakeLists.txt is responsible for its subfolders), or <dir> itself if it has one
# (and is not the calling folder). Folders in SKIP are left out.
function(drvhost_add_folders dir)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SKIP")
    if(EXISTS "${dir}/CMakeLists.txt" AND NOT dir STREQUAL CMAKE_CURRENT_SOURCE_DIR)
        file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${dir}")
        add_subdirectory("${dir}" "${PROJECT_BINARY_DIR}/${rel}")
        return()
    endif()
    file(GLOB_RECURSE lists CONFIGURE_DEPENDS "${dir}/*/CMakeLists.txt")
    list(SORT lists)
    set(added "")
    foreach(list_file IN LISTS lists)
        get_filename_component(folder "${list_file}" DIRECTORY)
        set(inside FALSE)
        foreach(outer IN LISTS added arg_SKIP)
            cmake_path(IS_PREFIX outer "${folder}" NORMALIZE is_prefix)
            if(is_prefix)
                set(inside TRUE)
            endif()
        endforeach()
        if(inside)
            continue()
        endif()
        list(APPEND added "${folder}")
        file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${folder}")
        add_subdirectory("${folder}" "${PROJECT_BINARY_DIR}/${rel}")
    endforeach()
endfunction()
