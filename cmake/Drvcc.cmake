# cmake/Drvcc.cmake - generates the drvcc script from tools/drvcc.in, twice:
#   build/<preset>/bin/drvcc     uses the headers of the source tree (absolute path)
#   installed <prefix>/bin/drvcc uses <prefix>/share/drvhost/include, found relative to itself
# The flags come from cmake/DriverProfile.cmake.
include_guard(GLOBAL)

list(JOIN DRVHOST_DRIVER_CFLAGS " " DRVCC_CFLAGS)
list(JOIN DRVHOST_DRIVER_CXXFLAGS " " DRVCC_CXXFLAGS)
list(JOIN DRVHOST_DRIVER_FUZZ_CFLAGS " " DRVCC_FUZZ_CFLAGS)
list(JOIN DRVHOST_DRIVER_LDFLAGS " " DRVCC_LDFLAGS)
list(JOIN DRVHOST_DRIVER_LIBS " " DRVCC_LIBS)
list(JOIN DRVHOST_DRIVER_INCLUDE_SUBDIRS " " DRVCC_INCLUDE_SUBDIRS)
list(JOIN DRVHOST_DRIVER_KMDF_INCLUDE_SUBDIRS " " DRVCC_KMDF_INCLUDE_SUBDIRS)
set(DRVCC_VERSION "${PROJECT_VERSION}")

# The WPP preprocessor (tools/wpp/drvwpp.c): drvcc and drvhost_add_driver() run it for every
# source that includes a .tmh (docs/tracing.md). A build-time tool, installed beside drvcc.
# Not the host flags: no sanitizer (it runs during the build; it frees nothing before exiting, on
# purpose, which LeakSanitizer would call a failure).
add_executable(drvwpp "${PROJECT_SOURCE_DIR}/tools/wpp/drvwpp.c")
target_compile_options(drvwpp PRIVATE -Wall -Wextra $<$<BOOL:${DRVHOST_WERROR}>:-Werror>)
install(TARGETS drvwpp RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

set(_drvcc_perms OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
    WORLD_EXECUTE)

# Build-tree variant.
set(DRVCC_INCLUDE_ROOT "${DRVHOST_INCLUDE_ROOT}")
set(DRVCC_KMDF_ENTRY "${DRVHOST_KMDF_ENTRY}")
set(DRVCC_GUID_LIB "${DRVHOST_GUID_LIB}")
set(DRVCC_WPP "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/drvwpp")
set(DRVCC_HELPER "${PROJECT_SOURCE_DIR}/tools/drvcc_helper.py")
configure_file("${PROJECT_SOURCE_DIR}/tools/drvcc.in" "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/drvcc"
               @ONLY FILE_PERMISSIONS ${_drvcc_perms})

# Installed variant: each path relative to the directory holding the script (absolute when the
# install directories are).
function(_drvcc_installed_path var path)
    if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}" OR IS_ABSOLUTE "${path}")
        if(NOT IS_ABSOLUTE "${path}")
            set(path "${CMAKE_INSTALL_PREFIX}/${path}")
        endif()
        set(${var} "${path}" PARENT_SCOPE)
    else()
        file(RELATIVE_PATH _rel "/${CMAKE_INSTALL_BINDIR}" "/${path}")
        set(${var} "${_rel}" PARENT_SCOPE)
    endif()
endfunction()
_drvcc_installed_path(DRVCC_INCLUDE_ROOT "${DRVHOST_INSTALL_INCLUDEDIR}")
_drvcc_installed_path(DRVCC_KMDF_ENTRY "${DRVHOST_INSTALL_KMDFDIR}/fxdriverentry.o")
_drvcc_installed_path(DRVCC_GUID_LIB "${DRVHOST_INSTALL_GUIDLIBDIR}/libdrvhostguid.a")
# The helper (project reader, include rules): <datadir>/drvhost/drvcc_helper.py.
_drvcc_installed_path(DRVCC_HELPER "${CMAKE_INSTALL_DATADIR}/drvhost/drvcc_helper.py")
install(FILES "${PROJECT_SOURCE_DIR}/tools/drvcc_helper.py" "${PROJECT_SOURCE_DIR}/tools/drvcc_mof.py"
              "${PROJECT_SOURCE_DIR}/tools/drvcc_mc.py" "${PROJECT_SOURCE_DIR}/tools/drvcc_msvcfix.py"
              "${PROJECT_SOURCE_DIR}/tools/drvcc_ctrpp.py" DESTINATION "${CMAKE_INSTALL_DATADIR}/drvhost")
# The MOF and message compilers and ctrpp (drvcc --project runs them beside the helper).
install(PROGRAMS "${PROJECT_SOURCE_DIR}/tools/drvmof" "${PROJECT_SOURCE_DIR}/tools/drvmc"
                 "${PROJECT_SOURCE_DIR}/tools/drvctrpp" DESTINATION "${CMAKE_INSTALL_DATADIR}/drvhost")
set(DRVCC_WPP "drvwpp") # beside the installed script
configure_file("${PROJECT_SOURCE_DIR}/tools/drvcc.in" "${PROJECT_BINARY_DIR}/install/drvcc"
               @ONLY FILE_PERMISSIONS ${_drvcc_perms})
install(PROGRAMS "${PROJECT_BINARY_DIR}/install/drvcc" DESTINATION "${CMAKE_INSTALL_BINDIR}")
unset(_drvcc_perms)
unset(DRVCC_INCLUDE_ROOT)
unset(DRVCC_KMDF_ENTRY)
unset(DRVCC_GUID_LIB)
unset(DRVCC_WPP)
unset(DRVCC_HELPER)

# The installed CMake package (find_package(drvhost CONFIG)): drvhost_add_driver() with SOURCES
# or PROJECT and drvhost_add_scenario_test() on the installed drvcc and drvhost
# (cmake/drvhost-config.cmake.in; docs/building.md, "The installed CMake package").
include(CMakePackageConfigHelpers)
set(DRVHOST_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/drvhost")
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/drvhost-config.cmake.in"
                              "${PROJECT_BINARY_DIR}/install/drvhost-config.cmake"
                              INSTALL_DESTINATION "${DRVHOST_INSTALL_CMAKEDIR}"
                              PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/install/drvhost-config-version.cmake"
                                 VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/install/drvhost-config.cmake"
              "${PROJECT_BINARY_DIR}/install/drvhost-config-version.cmake"
        DESTINATION "${DRVHOST_INSTALL_CMAKEDIR}")
