# Thin wrapper over CMake; the build itself is CMakeLists.txt.
#   make run    install what is missing, Release build, serve the demo register on SQLite
#   make test   install what is missing, sanitizer build, every suite on SQLite and MariaDB
#   make bench  Release build; register reads and every report beside bare Pistache, both backends;
#               importing 5,000 properties with their tenure and leases
#   make test-cluster  the scale-out fault test: three Galera nodes, two replicas, HAProxy
#   make bench-cluster throughput through HAProxy with one and two replicas, Galera beside one MariaDB
#   make fuzz   the libFuzzer target over the input readers for 10 minutes (make test: 1 minute)
.PHONY: setup build run test test-cluster bench bench-cluster fuzz clean format

setup:
	@bash infra/setup.sh

build: setup
	cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_BUILD_TESTS=OFF >/dev/null
	cmake --build build/release -j $$(nproc)

run: build
	bash infra/run.sh

test: setup
	bash infra/test.sh

test-cluster: setup
	bash infra/test-cluster.sh

bench-cluster: setup
	bash tests/perf/cluster_bench.sh

bench: setup
	bash tests/perf/bench.sh
	bash tests/perf/heavy_reports.sh
	bash tests/perf/import_bench.sh

fuzz: setup
	bash infra/fuzz.sh $${FUZZ_SECONDS:-600}

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf build
