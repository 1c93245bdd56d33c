# Two entry points for a fresh Debian machine with Swift (see README.md).
.PHONY: demo test build release release-cli install install-files uninstall deb bench deps test-deps vectors screenshots trust-data sanitize fuzz fuzz-smoke

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

build: deps
	swift build

# The static Swift standard library, as `make deb` and the container image ship it: half the start-up
# time of the dynamically linked build. Two executables: asic, and asic-serve (`asic serve`), which
# alone links the HTTP stack and Foundation.
release: release-cli
	swift build -c release --product asic-serve --static-swift-stdlib

# The command line alone (what the demo and the screenshots run): the service's HTTP stack is not built.
release-cli: deps
	swift build -c release --product asic --static-swift-stdlib

# Installs what is missing, builds, and validates the bundled sample container against the
# bundled test trusted list (offline), then shows its structure.
demo: release-cli
	.build/release/asic validate --offline --cache-dir .build/demo-cache --tsl TestVectors/pki/tsl/lotl.xml \
		--tsl-cert TestVectors/pki/tslsigner.pem TestVectors/sample/sample.asice
	.build/release/asic inspect TestVectors/sample/sample.asice

# Installs what is missing and runs the whole test suite (unit, shared corpus when present, CLI),
# then a 30-second smoke of every fuzzing harness. The tests write their scratch folders into a
# TMPDIR of this run's own, removed when it ends (pass, fail or interrupt), so repeated runs leave nothing.
test: test-deps
	swift build --build-tests
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/asic-make-test.XXXXXX") && trap 'rm -rf "$$scratch"' EXIT && trap 'exit 130' INT TERM && \
		echo "TMPDIR=$$scratch swift test --skip-build --disable-xctest" && \
		TMPDIR="$$scratch/" swift test --skip-build --disable-xctest
	$(MAKE) --no-print-directory fuzz-smoke

bench: release
	@scripts/install-deps.sh bench
	Benchmarks/inspect-corpus.sh
	Benchmarks/batch-memory.sh 50
	Benchmarks/trust-cache.sh
	Benchmarks/ddoc-big.sh
	python3 Benchmarks/vs-libdigidocpp.py
	Benchmarks/serve-scale.sh
	Benchmarks/many-signatures.sh
	Benchmarks/big-stored.sh
	Benchmarks/cold-start.sh
	Benchmarks/callgrind-guard.sh

# Rebuilds the test PKI, trusted lists and every container of TestVectors/ from scratch.
vectors: build
	python3 TestVectors/generate.py

# Renders the HTML reports of a valid, an invalid and a two-signature vector and the batch
# summary into docs/screenshots/ with headless Chromium.
screenshots: release-cli
	scripts/screenshots.sh .build/release/asic

# Compiles the product trust data (TrustData/eu-lotl-signers) into the binary's bundled set.
trust-data:
	python3 scripts/embed-trust-data.py

# The whole test suite under AddressSanitizer (with LeakSanitizer) and under ThreadSanitizer,
# each in its own build folder.
sanitize: test-deps
	swift build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address
	ASAN_OPTIONS=detect_leaks=1 swift test --skip-build --disable-xctest --scratch-path .build-asan
	swift build --build-tests --scratch-path .build-tsan -Xswiftc -sanitize=thread
	swift test --skip-build --disable-xctest --scratch-path .build-tsan

# libFuzzer harnesses of Fuzz/ (zip, container, XML + C14N, XAdES, trusted lists, DER, policy file,
# URIs, inspect report), FUZZ_SECONDS each (default 200), seeds made from the vectors at run time.
fuzz: test-deps
	FUZZ_SECONDS=$(or $(FUZZ_SECONDS),200) scripts/fuzz.sh

# Every harness for 30 s (part of `make test`, so CI keeps them building); any finding fails it.
fuzz-smoke: test-deps
	FUZZ_SECONDS=30 scripts/fuzz.sh

# Installs the release binary, the man page and bash/zsh/fish completions under $(DESTDIR)$(PREFIX)
# (default /usr/local); the EU LOTL signer certificates are compiled into the binary.
PREFIX ?= /usr/local
INSTALLED = $(DESTDIR)$(PREFIX)/bin/asic $(DESTDIR)$(PREFIX)/bin/asic-serve $(DESTDIR)$(PREFIX)/share/man/man1/asic.1 \
	$(DESTDIR)$(PREFIX)/share/bash-completion/completions/asic $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_asic \
	$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/asic.fish
BIN ?= .build/release/asic
SERVE_BIN ?= $(dir $(BIN))asic-serve
install: release install-files

# The same from existing binaries (BIN, and SERVE_BIN beside it), without building: what the install test runs.
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/asic
	install -m 755 $(SERVE_BIN) $(DESTDIR)$(PREFIX)/bin/asic-serve
	install -m 644 man/asic.1 $(DESTDIR)$(PREFIX)/share/man/man1/asic.1
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/asic
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_asic
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/asic.fish

uninstall:
	rm -f $(INSTALLED)

# A Debian package (.build/deb/asic_VERSION-1_ARCH.deb): the binary with the Swift runtime linked in
# statically (only Debian's own libraries needed, declared in Depends), man page, completions;
# checked with lintian (no error, no warning) when lintian is installed.
deb: deps
	swift build -c release --product asic --static-swift-stdlib --scratch-path .build-static
	swift build -c release --product asic-serve --static-swift-stdlib --scratch-path .build-static
	scripts/make-deb.sh .build-static/release/asic .build/deb
	if command -v lintian >/dev/null; then lintian --fail-on error,warning .build/deb/asic_*.deb; fi
