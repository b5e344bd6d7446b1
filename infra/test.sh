#!/usr/bin/env bash
# `make test`: build the sanitizer test build, start a throwaway MariaDB, run every suite on
# SQLite and on MariaDB, and always stop the database again; then fuzz the input readers for
# ESTATE_FUZZ_SECONDS (60), and compile the Release build with -Werror. Exits non-zero if anything
# fails.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${ESTATE_TEST_BUILD:-build/test}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DESTATE_SANITIZE=ON -DESTATE_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)"

mariadb_dir="$build/mariadb"
trap 'infra/mariadb.sh stop "$mariadb_dir"' EXIT
url=$(infra/mariadb.sh start "$mariadb_dir")
echo "throwaway MariaDB at ${url/estate:estate@/estate:***@}"

export ESTATE_TEST_MYSQL_URL="$url"
export ESTATE_TEST_REQUIRE_MYSQL=1
export ESTATE_TEST_REQUIRE_TOOLS=1  # promtool: a test that needs it fails rather than skips
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -LE cluster "$@"

infra/mariadb.sh stop "$mariadb_dir"
trap - EXIT
bash infra/fuzz.sh "${ESTATE_FUZZ_SECONDS:-60}"

# The Release configuration `make run` builds (GCC at -O3 warns where -O0 does not, and
# -Werror stops the build): compiled here so a warning only optimisation finds fails make test,
# not the next person's make run. Its suites are not run twice.
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_BUILD_TESTS=OFF \
  -DESTATE_WERROR=ON >/dev/null
cmake --build build/release -j "$(nproc)"
