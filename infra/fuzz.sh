#!/usr/bin/env bash
# Builds the libFuzzer target with clang (coverage, ASan, UBSan) and runs it for SECONDS
# (default 60) over a corpus seeded from tests/fuzz/corpus. A crash leaves its input in the
# build folder, prints it, and exits non-zero. `make test` runs 60 s; `make fuzz` 600 s.
#   infra/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${ESTATE_FUZZ_BUILD:-build/fuzz}

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DESTATE_FUZZ=ON \
  -DESTATE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target fuzz_inputs -j "$(nproc)"

# The working corpus grows across runs; the seeds are copied in each time.
mkdir -p "$build/corpus" "$build/findings"
cp -n tests/fuzz/corpus/* "$build/corpus/" 2>/dev/null || true
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "fuzzing the input readers for ${seconds} s"
"$build/tests/fuzz/fuzz_inputs" "$build/corpus" -max_total_time="$seconds" -max_len=4096 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/findings/" -print_final_stats=1 2>&1 |
  grep -E "^#[0-9]+ *DONE|stat::number_of_executed_units|ERROR|SUMMARY|Test unit written" || true
status=${PIPESTATUS[0]}
if [[ $status -ne 0 ]]; then
  echo "the fuzzer found an input that fails: see $build/findings/" >&2
  exit "$status"
fi
