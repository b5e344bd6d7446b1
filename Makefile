# Thin wrapper over CMake; the build itself is CMakeLists.txt.
#   make run    install what is missing, Release build, serve the demo register on SQLite
#   make test   install what is missing, sanitizer build, every suite on SQLite and MariaDB
#   make bench  Release build; register reads and every report beside bare Pistache, both backends
.PHONY: setup build run test bench clean format

setup:
	@bash infra/setup.sh

build: setup
	cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DESTATE_BUILD_TESTS=OFF >/dev/null
	cmake --build build/release -j $$(nproc)

run: build
	bash infra/run.sh

test: setup
	bash infra/test.sh

bench: setup
	bash tests/perf/bench.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf build
