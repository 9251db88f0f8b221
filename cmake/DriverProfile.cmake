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
    -D_AMD64_ -DAMD64 -D_WIN64 -DDRVHOST=1
    -Wall -Wno-unknown-pragmas -Wno-unused-parameter -Wno-unused-function -Wno-missing-braces
    -Wno-multichar -Wno-int-to-pointer-cast -Wno-pointer-to-int-cast
    # A DDI our headers lack must fail at compile time, not turn into an int-returning import.
    -Werror=implicit-function-declaration)

# Header folders, relative to the include root, passed as -isystem.
set(DRVHOST_DRIVER_INCLUDE_SUBDIRS shared km)
set(DRVHOST_DRIVER_KMDF_INCLUDE_SUBDIRS wdf/kmdf/1.33)

# Link flags, then the libraries that follow the objects.
set(DRVHOST_DRIVER_LDFLAGS -shared -nostdlib -Wl,-Bsymbolic -Wl,-z,now)
set(DRVHOST_DRIVER_LIBS -lgcc)

set(DRVHOST_KMDF_UNAVAILABLE "the framework (FxDriverEntry) is not available yet")

# drvhost_add_driver(<target> SOURCES <file>...
#                    [KMDF] [INCLUDE_DIRS <dir>...] [DEFINES <NAME[=value]>...]
#                    [COMPILE_OPTIONS <opt>...] [OUTPUT_NAME <name>] [INSTALL])
#
# Builds driver module <OUTPUT_NAME or target>.sys into ${DRVHOST_DRIVER_OUTPUT_DIR}
# (build/<preset>/drivers/). KMDF adds the framework headers (reserved: fails until the framework
# exists). INSTALL installs the module to <prefix>/lib/drvhost/drivers.
function(drvhost_add_driver target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "KMDF;INSTALL" "OUTPUT_NAME"
                          "SOURCES;INCLUDE_DIRS;DEFINES;COMPILE_OPTIONS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "drvhost_add_driver(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "drvhost_add_driver(${target}): SOURCES is required")
    endif()
    set(subdirs ${DRVHOST_DRIVER_INCLUDE_SUBDIRS})
    if(arg_KMDF)
        list(APPEND subdirs ${DRVHOST_DRIVER_KMDF_INCLUDE_SUBDIRS})
        message(FATAL_ERROR "drvhost_add_driver(${target}): KMDF: ${DRVHOST_KMDF_UNAVAILABLE}")
    endif()

    add_library(${target} MODULE ${arg_SOURCES})
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
    foreach(sub IN LISTS subdirs)
        target_include_directories(${target} SYSTEM PRIVATE "${DRVHOST_INCLUDE_ROOT}/${sub}")
    endforeach()
    if(arg_INCLUDE_DIRS)
        target_include_directories(${target} PRIVATE ${arg_INCLUDE_DIRS})
    endif()
    if(arg_DEFINES)
        target_compile_definitions(${target} PRIVATE ${arg_DEFINES})
    endif()
    target_link_options(${target} PRIVATE ${DRVHOST_DRIVER_LDFLAGS})
    target_link_libraries(${target} PRIVATE ${DRVHOST_DRIVER_LIBS})
    if(arg_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION "${DRVHOST_INSTALL_DRIVERDIR}")
    endif()
endfunction()
