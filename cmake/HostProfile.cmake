# cmake/HostProfile.cmake - compile and link flags of the host side: the runtime (libdrvhost.so),
# the CLI, the test harness and the test executables. Driver modules do NOT use these (they get
# cmake/DriverProfile.cmake only: no sanitizers, no -Werror).
#
# Cache options (set by CMakePresets.json):
#   DRVHOST_WERROR    ON: -Werror
#   DRVHOST_SANITIZE  "" | "address,undefined" | "thread" (the -fsanitize= list)
include_guard(GLOBAL)

option(DRVHOST_WERROR "Treat warnings as errors in host code" OFF)
set(DRVHOST_SANITIZE "" CACHE STRING "Sanitizers for host code (-fsanitize= list), empty = none")

find_package(Threads REQUIRED)

add_library(drvhost_host_flags INTERFACE)
target_compile_options(drvhost_host_flags INTERFACE
    -fshort-wchar    # WCHAR and L"" are 16-bit everywhere, as in driver code
    -fms-extensions  # the public headers may use Microsoft C extensions, as drivers do
    -Wall -Wextra
    -Wno-multichar  # pool tags are multi-character constants ('tseT'), as in the WDK
    # clang (the fuzz build) warns at every <pshpack1.h> ... <poppack.h> pair, the WDK's own way
    # of packing a structure in a header.
    $<$<C_COMPILER_ID:Clang>:-Wno-pragma-pack>)
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
endif()
