# Two entry points for a fresh Debian machine with Swift (see README.md).
.PHONY: demo test build release bench deps

deps:
	@scripts/install-deps.sh

build: deps
	swift build

release: deps
	swift build -c release --product asic

# Installs what is missing, builds, and inspects the bundled sample container.
demo: release
	.build/release/asic inspect TestVectors/sample/sample.asice

# Installs what is missing and runs the whole test suite (unit, shared corpus when present, CLI).
test: deps
	swift build --build-tests
	swift test --skip-build

bench: release
	Benchmarks/inspect-corpus.sh
