# check_selftest.cmake - runs harness_selftest_fail and checks that each failing test failed on
# its own, with the right reason, and that the others still ran.
# Usage: cmake -DEXE=<harness_selftest_fail> -P check_selftest.cmake
set(ENV{DRVHOST_TEST_TIMEOUT} 2)
execute_process(COMMAND "${EXE}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
message("${err}")

set(problems "")
function(expect regex)
    if(NOT out MATCHES "${regex}")
        set(problems ${problems} "output lacks /${regex}/" PARENT_SCOPE)
    endif()
endfunction()

if(status EQUAL 0)
    list(APPEND problems "exit status 0, expected failure")
endif()
expect("PASS passes \\(1 checks")
expect("selftest_fail.c:[0-9]+: Test failed: this check fails on purpose \\(42\\)")
expect("FAIL fails_check: 1 of 3 checks failed")
expect("FAIL crashes: ")
expect("FAIL hangs: timed out after 2 s in the test body \\(killed\\)")
expect("FAIL expected_bugcheck_none: expected bug check 0x44, got none")
if(out MATCHES "does not export KeBugCheckEx")
    # Until src/ke exports KeBugCheckEx the bug-check paths cannot be exercised for real.
    message(WARNING "libdrvhost.so does not export KeBugCheckEx: bug-check checks relaxed")
    expect("FAIL unexpected_bugcheck: ")
    expect("FAIL expected_bugcheck_wrong_code: ")
    expect("FAIL expected_bugcheck_wrong_p1: ")
else()
    expect("FAIL unexpected_bugcheck: unexpected bug check 0xE2 \\(0x1, 0x2, 0x3, 0x4\\)")
    expect("FAIL expected_bugcheck_wrong_code: expected bug check 0x44, got 0xC4")
    expect("FAIL expected_bugcheck_wrong_p1: expected bug check 0x44 \\(0x7, \\.\\.\\.\\), got \\(0x1, \\.\\.\\.\\)")
endif()
expect("PASS passes_after_failures")
expect("\nharness: 9 cases, [0-9]+ checks\n2 passed, 7 failed\n$")

# Running one test by name.
execute_process(COMMAND "${EXE}" passes RESULT_VARIABLE status OUTPUT_VARIABLE out)
if(NOT status EQUAL 0 OR NOT out MATCHES "^PASS passes[^\n]*\nharness: 1 cases, 1 checks\n1 passed, 0 failed\n$")
    list(APPEND problems "`selftest passes` gave status ${status} and:\n${out}")
endif()

if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "harness self-test:\n  ${text}")
endif()
