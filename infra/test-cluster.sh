#!/usr/bin/env bash
# `make test-cluster`: the scale-out fault test (tests/cluster/fault_test.cpp). Builds the same
# sanitizer build as `make test` (reusing it when it is there), brings up infra/cluster.sh's
# three Galera nodes, two replicas and HAProxy on 127.0.0.1, runs the tests labelled
# `cluster`, and always takes the cluster down again. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${ESTATE_TEST_BUILD:-build/test}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DESTATE_SANITIZE=ON -DESTATE_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target estate-server cluster_tests

export ESTATE_SERVER
ESTATE_SERVER=$(realpath "$build/api/estate-server")
export ESTATE_CLUSTER_SCRIPT
ESTATE_CLUSTER_SCRIPT=$(realpath infra/cluster.sh)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

trap 'infra/cluster.sh down' EXIT
infra/cluster.sh down  # whatever an interrupted run left
ESTATE_CLUSTER_URL=$(infra/cluster.sh up | tail -1)
export ESTATE_CLUSTER_URL
infra/cluster.sh status
status=0
ctest --test-dir "$build" --output-on-failure -L cluster --verbose "$@" >"$build/cluster-test.log" 2>&1 ||
  status=$?
grep -E "figures|Test +#|tests passed|tests failed|FAILED|Failure|Expected|Which" "$build/cluster-test.log" || true
[[ $status == 0 ]] || echo "make test-cluster failed: see $build/cluster-test.log" >&2
exit "$status"
