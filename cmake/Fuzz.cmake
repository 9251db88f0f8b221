# cmake/Fuzz.cmake - libFuzzer targets (fuzz/). Included by fuzz/CMakeLists.txt, which the
# top-level CMakeLists.txt adds when DRVHOST_FUZZ is ON (the `fuzz` preset: clang, and
# DRVHOST_SANITIZE=fuzzer-no-link,address so the runtime is coverage-instrumented and checked
# by AddressSanitizer, except the parts fuzz/coverage-ignore.txt lists; driver modules are
# instrumented when built with drvcc --fuzz or drvhost_add_driver(... FUZZ), see
# cmake/DriverProfile.cmake and docs/fuzzing.md).
#
# drvhost_add_fuzzer(<name> SOURCES <file>... [LIBRARIES <lib>...])
#   Executable bin/<name>, linked with -fsanitize=fuzzer (libFuzzer's main).
include_guard(GLOBAL)

if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "DRVHOST_FUZZ needs clang (libFuzzer): use the `fuzz` preset "
                        "(cmake --preset fuzz) or -DCMAKE_C_COMPILER=clang")
endif()
if(NOT DRVHOST_SANITIZE MATCHES "fuzzer")
    message(WARNING "DRVHOST_FUZZ without -fsanitize=fuzzer-no-link for the runtime "
                    "(DRVHOST_SANITIZE=${DRVHOST_SANITIZE}): only the targets' own code is "
                    "coverage-guided")
endif()

# libdrvhost.so's __asan_* and __sanitizer_cov_* references bind to the fuzzer executable's at
# load time: -z undefs, which cmake/HostProfile.cmake gives every clang sanitizer build.

# The runtime's set-up code (scenarios, loader, PnP, parsers, trace recorder, platform layer) is
# not coverage-instrumented: libFuzzer's per-input bookkeeping grows with every counter in the
# process, and those counters tell it nothing about an input (fuzz/coverage-ignore.txt says
# which and why). The parser targets compile their parser's sources themselves, instrumented.
set(DRVHOST_FUZZ_COVERAGE_IGNORE "${PROJECT_SOURCE_DIR}/fuzz/coverage-ignore.txt")
target_compile_options(drvhost_rt_objects PRIVATE
                       "-fsanitize-coverage-ignorelist=${DRVHOST_FUZZ_COVERAGE_IGNORE}")
# A change of the list recompiles the runtime (OBJECT_DEPENDS is a property of each source).
get_target_property(_drvhost_rt_sources drvhost_rt_objects SOURCES)
set_property(SOURCE ${_drvhost_rt_sources} DIRECTORY "${PROJECT_SOURCE_DIR}/src" APPEND
             PROPERTY OBJECT_DEPENDS "${DRVHOST_FUZZ_COVERAGE_IGNORE}")

# Comparison feedback (trace-cmp) is the driver's alone: the runtime's objects keep their edge
# counters but report no comparisons. libFuzzer keeps the operands of recent comparisons in
# tables of 32 entries (per operand size), which its mutations copy into inputs; the runtime's
# comparisons around every request overwrote the driver's before a mutation could use them, so
# an 8-byte magic value a driver compares was found only after 0.4-0.8 million inputs, or not at
# all, where without them it takes thousands (docs/fuzzing.md, "The comparison table"). The
# parser targets compile their parser's sources themselves, with trace-cmp. ON restores it.
option(DRVHOST_FUZZ_RUNTIME_CMP "trace-cmp in the fuzz build's runtime and ioctl harness" OFF)
if(NOT DRVHOST_FUZZ_RUNTIME_CMP)
    target_compile_options(drvhost_rt_objects PRIVATE -fno-sanitize-coverage=trace-cmp)
endif()

function(drvhost_add_fuzzer name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES")
    if(arg_UNPARSED_ARGUMENTS OR NOT arg_SOURCES)
        message(FATAL_ERROR "usage: drvhost_add_fuzzer(<name> SOURCES <file>... [LIBRARIES ...])")
    endif()
    add_executable(${name} ${arg_SOURCES})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer -g)
    # Linked with libFuzzer's main (fuzz/replay_main.c is the other one): fuzz/ioctl_fuzz.c then
    # adds its default libFuzzer flags.
    target_compile_definitions(${name} PRIVATE DRVHOST_LIBFUZZER=1)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    # libFuzzer is C++: with the C driver, its libm dependency must be named.
    target_link_libraries(${name} PRIVATE drvhost_rt ${arg_LIBRARIES} m)
endfunction()
