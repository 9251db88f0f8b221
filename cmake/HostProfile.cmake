# cmake/HostProfile.cmake - compile and link flags of the host side: the runtime (libdrvhost.so),
# the CLI, the test harness and the test executables. Driver modules do NOT use these (they get
# cmake/DriverProfile.cmake only: no sanitizers, no -Werror).
#
# Cache options (set by CMakePresets.json):
#   DRVHOST_WERROR    ON: -Werror
#   DRVHOST_SANITIZE  "" | "address,undefined" | "thread" (the -fsanitize= list)
#   DRVHOST_EXPECT_COMPILER  "" | Clang | GNU: the compiler the preset requires
include_guard(GLOBAL)

option(DRVHOST_WERROR "Treat warnings as errors in host code" OFF)
set(DRVHOST_SANITIZE "" CACHE STRING "Sanitizers for host code (-fsanitize= list), empty = none")
# A preset that means one compiler names it (CMAKE_C_COMPILER_ID: Clang, GNU): configuring with
# another fails, and tests/toolchain checks the programs and modules built (the clang-asan preset
# must never quietly become a second gcc run).
set(DRVHOST_EXPECT_COMPILER "" CACHE STRING "The compiler ID the preset requires, empty = any")
if(DRVHOST_EXPECT_COMPILER AND NOT CMAKE_C_COMPILER_ID STREQUAL DRVHOST_EXPECT_COMPILER)
    message(FATAL_ERROR "this preset requires the ${DRVHOST_EXPECT_COMPILER} C compiler; "
                        "CMake found ${CMAKE_C_COMPILER_ID} (${CMAKE_C_COMPILER})")
endif()

find_package(Threads REQUIRED)

add_library(drvhost_host_flags INTERFACE)
target_compile_options(drvhost_host_flags INTERFACE
    -fshort-wchar    # WCHAR and L"" are 16-bit everywhere, as in driver code
    -fms-extensions  # the public headers may use Microsoft C extensions, as drivers do
    -Wall -Wextra
    -Wno-multichar  # pool tags are multi-character constants ('tseT'), as in the WDK
    # clang (the fuzz and clang-asan builds) warns at every <pshpack1.h> ... <poppack.h> pair,
    # the WDK's own way of packing a structure in a header.
    $<$<C_COMPILER_ID:Clang>:-Wno-pragma-pack>
    # clang warns at each unnamed structure member of a named type (usbspec.h's BM_REQUEST_TYPE,
    # wsk.h's dispatch tables, ntifs_fs.h's FCB headers) although -fms-extensions accepts it: the
    # headers use that Microsoft extension on purpose, as the WDK's do. Driver modules do not see
    # the warning (their headers are -isystem); the host code includes them as its own.
    $<$<C_COMPILER_ID:Clang>:-Wno-microsoft-anon-tag>)
# The same architecture macros driver code sees, so the shared headers take the same branches.
target_compile_definitions(drvhost_host_flags INTERFACE
    _GNU_SOURCE _AMD64_ AMD64 _WIN64 DRVHOST=1)
target_link_libraries(drvhost_host_flags INTERFACE Threads::Threads ${CMAKE_DL_LIBS})

if(DRVHOST_WERROR)
    target_compile_options(drvhost_host_flags INTERFACE -Werror)
endif()

if(DRVHOST_SANITIZE)
    set(_drvhost_san -fsanitize=${DRVHOST_SANITIZE} -fno-sanitize-recover=all
        -fno-omit-frame-pointer)
    target_compile_options(drvhost_host_flags INTERFACE ${_drvhost_san})
    target_link_options(drvhost_host_flags INTERFACE ${_drvhost_san})
    unset(_drvhost_san)
    # clang links the sanitizer runtimes (static, its default) into executables only, exporting
    # their symbols; GCC links libasan.so into the shared library too. libdrvhost.so is linked
    # with -z defs (src/CMakeLists.txt), so under clang its __asan_*, __ubsan_* (and, in the fuzz
    # preset, __sanitizer_cov_*) references are allowed to stay undefined (-z undefs comes after
    # -z defs on its link line) and bind to the executable's at load time. The gcc presets keep
    # the check whole.
    if(CMAKE_C_COMPILER_ID MATCHES "Clang")
        target_link_options(drvhost_host_flags INTERFACE -Wl,-z,undefs)
    endif()
endif()
