# cmake/DriverProfile.cmake - how a Windows driver module is compiled and linked.
#
# This file is the ONE place the driver flags are written down. drvhost_add_driver() below uses
# them, and cmake/Drvcc.cmake substitutes them into tools/drvcc.in, so a driver built by CMake and
# one built by `drvcc` get the same command lines.
#
# A driver module is an ELF shared object with no DT_NEEDED entries: every undefined symbol (the
# DDIs it calls) is resolved by the drvhost loader against libdrvhost.so. Hence -nostdlib, and
# -lgcc only for the compiler's own helper routines.
include_guard(GLOBAL)

# Compile flags (also used verbatim by drvcc).
set(DRVHOST_DRIVER_CFLAGS
    -std=gnu11
    -fshort-wchar -fPIC -fno-strict-aliasing -fno-delete-null-pointer-checks -fms-extensions
    -fno-exceptions
    # Distribution compilers may turn these on by default; each would add an import
    # (__stack_chk_fail, __memcpy_chk, ...) that libdrvhost.so does not provide.
    -fno-stack-protector -U_FORTIFY_SOURCE
    # MSVC's C compiler makes a file-scope declaration without initializer (a tentative
    # definition, `int x;` in a header several sources include) a communal symbol the linker
    # merges; GCC 10 and later give each source its own definition, and the link fails.
    -fcommon
    -D_AMD64_ -DAMD64 -D_WIN64 -DDRVHOST=1
    # The WDK's compiler environment: /kernel defines _KERNEL_MODE; C drivers use the bare
    # try/except/finally/leave (include/km/drvhost_seh.h).
    -D_KERNEL_MODE=1 -DDRVHOST_SEH_KEYWORDS
    -Wall -Wno-unknown-pragmas -Wno-unused-parameter -Wno-unused-function -Wno-missing-braces
    -Wno-multichar -Wno-int-to-pointer-cast -Wno-pointer-to-int-cast
    # A DDI our headers lack must fail at compile time, not turn into an int-returning import.
    -Werror=implicit-function-declaration
    # What MSVC accepts silently stays a warning under every compiler drvcc supports (GCC 14
    # made these errors; the ones older compilers do not know are kept warnings by a pragma of
    # include/shared/msvc.h instead, since an unknown -Wno-error= option is an error).
    -Wno-error=incompatible-pointer-types -Wno-error=int-conversion -Wno-error=implicit-int)

# C++ sources (.cpp): the kernel C++ profile, as the WDK compiles kernel C++: no exceptions, no
# RTTI, no C++ runtime (no thread-safe statics guard, no atexit registration, no standard C++
# headers): placement forms and operator new/delete exist only where the driver defines them.
set(DRVHOST_DRIVER_CXXFLAGS ${DRVHOST_DRIVER_CFLAGS})
list(REMOVE_ITEM DRVHOST_DRIVER_CXXFLAGS -std=gnu11 -fcommon -Werror=implicit-function-declaration
     -Wno-pointer-to-int-cast -Wno-error=incompatible-pointer-types -Wno-error=int-conversion
     -Wno-error=implicit-int) # C only
list(PREPEND DRVHOST_DRIVER_CXXFLAGS -std=gnu++17)
list(APPEND DRVHOST_DRIVER_CXXFLAGS -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit
     -nostdinc++)

# Header folders, relative to the include root, passed as -isystem.
set(DRVHOST_DRIVER_INCLUDE_SUBDIRS shared km)
# wdf/cx: the class-extension client headers (gpioclx.h, ...), which need wdf.h.
set(DRVHOST_DRIVER_KMDF_INCLUDE_SUBDIRS wdf/kmdf/1.33 wdf/cx)

# `drvcc --fuzz`, and drvhost_add_driver(... FUZZ) in the `fuzz` preset (clang only;
# docs/fuzzing.md): SanitizerCoverage as libFuzzer uses it (inline 8-bit counters, the PC table,
# comparison operands) and AddressSanitizer. The module then imports __sanitizer_cov_* and
# __asan_* routines and has the sanitizers' constructors (and ASan's destructor), which register
# its counters and globals; only the fuzz preset's loader accepts such a module (src/ldr/elf.c),
# the sanitizer routines coming from the fuzzer executable. Compile flags only: the link is the
# usual one (no sanitizer runtime is linked into a module).
set(DRVHOST_DRIVER_FUZZ_CFLAGS
    -fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp -fsanitize=address
    -fno-omit-frame-pointer)

# Link flags, then the libraries that follow the objects.
set(DRVHOST_DRIVER_LDFLAGS -shared -nostdlib -Wl,-Bsymbolic -Wl,-z,now)
set(DRVHOST_DRIVER_LIBS -lgcc)

# The framework's entry point (FxDriverEntry, tools/kmdf/fxdriverentry.c), the role of the WDK's
# WdfDriverEntry.lib: one object, compiled once with the driver flags and linked into every
# framework module (drvhost_add_driver(... KMDF), drvcc --kmdf). Build tree:
# lib/drvhost/kmdf/fxdriverentry.o; installed: <libdir>/drvhost/kmdf/fxdriverentry.o.
set(DRVHOST_KMDF_ENTRY_DIR "${CMAKE_BINARY_DIR}/lib/drvhost/kmdf")
set(DRVHOST_KMDF_ENTRY "${DRVHOST_KMDF_ENTRY_DIR}/fxdriverentry.o")
set(DRVHOST_INSTALL_KMDFDIR "${CMAKE_INSTALL_LIBDIR}/drvhost/kmdf")
add_library(drvhost_kmdf_entry OBJECT "${PROJECT_SOURCE_DIR}/tools/kmdf/fxdriverentry.c")
set_target_properties(drvhost_kmdf_entry PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_compile_options(drvhost_kmdf_entry PRIVATE ${DRVHOST_DRIVER_CFLAGS})
foreach(_sub IN LISTS DRVHOST_DRIVER_INCLUDE_SUBDIRS DRVHOST_DRIVER_KMDF_INCLUDE_SUBDIRS)
    target_include_directories(drvhost_kmdf_entry SYSTEM PRIVATE "${DRVHOST_INCLUDE_ROOT}/${_sub}")
endforeach()
add_custom_command(OUTPUT "${DRVHOST_KMDF_ENTRY}"
                   COMMAND "${CMAKE_COMMAND}" -E make_directory "${DRVHOST_KMDF_ENTRY_DIR}"
                   COMMAND "${CMAKE_COMMAND}" -E copy "$<TARGET_OBJECTS:drvhost_kmdf_entry>"
                           "${DRVHOST_KMDF_ENTRY}"
                   DEPENDS drvhost_kmdf_entry "$<TARGET_OBJECTS:drvhost_kmdf_entry>"
                   COMMENT "drvcc --kmdf entry point: lib/drvhost/kmdf/fxdriverentry.o"
                   VERBATIM)
add_custom_target(drvhost_kmdf_entry_copy ALL DEPENDS "${DRVHOST_KMDF_ENTRY}")
install(FILES "${DRVHOST_KMDF_ENTRY}" DESTINATION "${DRVHOST_INSTALL_KMDFDIR}")

# The GUID library (tools/gen-guidlib.py; docs/building.md "The GUID library"), the role of the
# WDK's uuid.lib, wdmguid.lib and the like: the storage of every GUID and DEVPROPKEY drvhost's
# headers declare, weak and hidden, for a driver that names one without defining INITGUID. An
# archive linked after every module's objects (drvhost_add_driver, drvcc). Build tree:
# lib/drvhost/libdrvhostguid.a; installed: <libdir>/drvhost/libdrvhostguid.a.
set(DRVHOST_GUID_LIB_DIR "${CMAKE_BINARY_DIR}/lib/drvhost")
set(DRVHOST_GUID_LIB "${DRVHOST_GUID_LIB_DIR}/libdrvhostguid.a")
set(DRVHOST_INSTALL_GUIDLIBDIR "${CMAKE_INSTALL_LIBDIR}/drvhost")
file(GLOB_RECURSE _drvhost_headers CONFIGURE_DEPENDS "${DRVHOST_INCLUDE_ROOT}/*.h")
add_custom_command(OUTPUT "${CMAKE_BINARY_DIR}/drvhost_guids.c"
                   COMMAND python3 "${PROJECT_SOURCE_DIR}/tools/gen-guidlib.py"
                           "${CMAKE_BINARY_DIR}/drvhost_guids.c" "${DRVHOST_INCLUDE_ROOT}"
                   DEPENDS "${PROJECT_SOURCE_DIR}/tools/gen-guidlib.py" ${_drvhost_headers}
                   COMMENT "GUID library: the GUIDs of drvhost's headers"
                   VERBATIM)
unset(_drvhost_headers)
add_library(drvhost_guids STATIC "${CMAKE_BINARY_DIR}/drvhost_guids.c")
set_target_properties(drvhost_guids PROPERTIES POSITION_INDEPENDENT_CODE ON
                      OUTPUT_NAME drvhostguid ARCHIVE_OUTPUT_DIRECTORY "${DRVHOST_GUID_LIB_DIR}")
target_compile_options(drvhost_guids PRIVATE ${DRVHOST_DRIVER_CFLAGS})
install(FILES "${DRVHOST_GUID_LIB}" DESTINATION "${DRVHOST_INSTALL_GUIDLIBDIR}")

# drvhost_add_driver(<target> SOURCES <file>...
#                    [KMDF] [FUZZ] [INCLUDE_DIRS <dir>...] [DEFINES <NAME[=value]>...]
#                    [COMPILE_OPTIONS <opt>...] [OUTPUT_NAME <name>] [INSTALL]
#                    [WPP_SCAN <header>...] [WPP_FUNC <spec>...] [WPP_CONFIG <file>...])
#
# Builds driver module <OUTPUT_NAME or target>.sys into ${DRVHOST_DRIVER_OUTPUT_DIR}
# (build/<preset>/drivers/). KMDF adds the framework headers and links the framework's entry
# point (FxDriverEntry), as drvcc --kmdf does. INSTALL installs the module to <prefix>/lib/drvhost/drivers.
# FUZZ: in the `fuzz` preset (DRVHOST_FUZZ), the module is instrumented as `drvcc --fuzz` does it
# (DRVHOST_DRIVER_FUZZ_CFLAGS); in other presets it changes nothing.
# WPP: every source including "X.tmh" gets X.tmh generated by drvwpp (as drvcc does), into
# <binary dir>/<target>_wpp. Sets out_headers (the generated files) and out_dir. Uses the
# caller's arg_SOURCES, arg_WPP_SCAN, arg_WPP_FUNC, arg_WPP_CONFIG.
function(_drvhost_driver_wpp target out_headers out_dir)
    set(dir "${CMAKE_CURRENT_BINARY_DIR}/${target}_wpp")
    set(flags)
    set(deps drvwpp)
    foreach(f IN LISTS arg_WPP_SCAN)
        get_filename_component(f "${f}" ABSOLUTE)
        list(APPEND flags --scan "${f}")
        list(APPEND deps "${f}")
    endforeach()
    foreach(f IN LISTS arg_WPP_CONFIG)
        get_filename_component(f "${f}" ABSOLUTE)
        list(APPEND flags --config "${f}")
        list(APPEND deps "${f}")
    endforeach()
    foreach(f IN LISTS arg_WPP_FUNC)
        list(APPEND flags --func "${f}")
    endforeach()
    set(headers)
    foreach(src IN LISTS arg_SOURCES)
        get_filename_component(src "${src}" ABSOLUTE)
        if(NOT src MATCHES "\\.c$" OR NOT EXISTS "${src}")
            continue()
        endif()
        file(STRINGS "${src}" tmh REGEX "^[ \t]*#[ \t]*include[ \t]*\"[^\"]*\\.tmh\"")
        if(NOT tmh)
            continue()
        endif()
        list(GET tmh 0 tmh)
        string(REGEX REPLACE ".*\"([^\"]*/)?([^\"/]*\\.tmh)\".*" "\\2" tmh "${tmh}")
        add_custom_command(OUTPUT "${dir}/${tmh}"
                           COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
                           COMMAND drvwpp ${flags} -d "${dir}" "${src}"
                           DEPENDS "${src}" ${deps}
                           COMMENT "WPP: ${tmh}" VERBATIM)
        list(APPEND headers "${dir}/${tmh}")
    endforeach()
    set(${out_headers} "${headers}" PARENT_SCOPE)
    set(${out_dir} "${dir}" PARENT_SCOPE)
endfunction()

function(drvhost_add_driver target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "KMDF;INSTALL;FUZZ" "OUTPUT_NAME"
                          "SOURCES;INCLUDE_DIRS;DEFINES;COMPILE_OPTIONS;WPP_SCAN;WPP_FUNC;WPP_CONFIG")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "drvhost_add_driver(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "drvhost_add_driver(${target}): SOURCES is required")
    endif()
    set(subdirs ${DRVHOST_DRIVER_INCLUDE_SUBDIRS})
    set(sources ${arg_SOURCES})
    if(arg_KMDF)
        list(APPEND subdirs ${DRVHOST_DRIVER_KMDF_INCLUDE_SUBDIRS})
        list(APPEND sources "$<TARGET_OBJECTS:drvhost_kmdf_entry>")
    endif()

    _drvhost_driver_wpp(${target} wpp_headers wpp_dir)
    add_library(${target} MODULE ${sources} ${wpp_headers})
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        SUFFIX ".sys"
        LIBRARY_OUTPUT_DIRECTORY "${DRVHOST_DRIVER_OUTPUT_DIR}"
        POSITION_INDEPENDENT_CODE ON
        LINKER_LANGUAGE C
        DEFINE_SYMBOL "") # no <target>_EXPORTS macro: the command line matches drvcc's
    if(arg_OUTPUT_NAME)
        set_target_properties(${target} PROPERTIES OUTPUT_NAME "${arg_OUTPUT_NAME}")
    endif()
    target_compile_options(${target} PRIVATE ${DRVHOST_DRIVER_CFLAGS} ${arg_COMPILE_OPTIONS})
    if(arg_FUZZ AND DRVHOST_FUZZ)
        target_compile_options(${target} PRIVATE ${DRVHOST_DRIVER_FUZZ_CFLAGS})
    endif()
    foreach(sub IN LISTS subdirs)
        target_include_directories(${target} SYSTEM PRIVATE "${DRVHOST_INCLUDE_ROOT}/${sub}")
    endforeach()
    if(wpp_headers)
        target_include_directories(${target} PRIVATE "${wpp_dir}")
    endif()
    if(arg_INCLUDE_DIRS)
        target_include_directories(${target} PRIVATE ${arg_INCLUDE_DIRS})
    endif()
    if(arg_DEFINES)
        target_compile_definitions(${target} PRIVATE ${arg_DEFINES})
    endif()
    target_link_options(${target} PRIVATE ${DRVHOST_DRIVER_LDFLAGS})
    target_link_libraries(${target} PRIVATE drvhost_guids ${DRVHOST_DRIVER_LIBS})
    if(arg_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION "${DRVHOST_INSTALL_DRIVERDIR}")
    endif()
endfunction()
