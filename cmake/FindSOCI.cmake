# FindSOCI — Debian's libsoci-dev (4.0.3) ships neither a CMake config nor a pkg-config file.
#
# Provides imported targets:
#   SOCI::core     libsoci_core and the headers in <soci/...>
#   SOCI::sqlite3  the SQLite backend (links SOCI::core and sqlite3)
#   SOCI::mysql    the MySQL/MariaDB backend (links SOCI::core and the client library)
# and sets SOCI_FOUND.

find_path(SOCI_INCLUDE_DIR NAMES soci/soci.h)
find_library(SOCI_CORE_LIBRARY NAMES soci_core)
find_library(SOCI_SQLITE3_LIBRARY NAMES soci_sqlite3)
find_library(SOCI_MYSQL_LIBRARY NAMES soci_mysql)
find_package(SQLite3 QUIET)
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(SOCI_MARIADB QUIET IMPORTED_TARGET libmariadb)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI
  REQUIRED_VARS SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_MYSQL_LIBRARY)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")

  add_library(SOCI::sqlite3 UNKNOWN IMPORTED)
  set_target_properties(SOCI::sqlite3 PROPERTIES
    IMPORTED_LOCATION "${SOCI_SQLITE3_LIBRARY}"
    INTERFACE_LINK_LIBRARIES "SOCI::core;$<$<TARGET_EXISTS:SQLite::SQLite3>:SQLite::SQLite3>")

  add_library(SOCI::mysql UNKNOWN IMPORTED)
  set_target_properties(SOCI::mysql PROPERTIES
    IMPORTED_LOCATION "${SOCI_MYSQL_LIBRARY}"
    INTERFACE_LINK_LIBRARIES "SOCI::core;$<$<TARGET_EXISTS:PkgConfig::SOCI_MARIADB>:PkgConfig::SOCI_MARIADB>")
endif()
mark_as_advanced(SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_MYSQL_LIBRARY)
