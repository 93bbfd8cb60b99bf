# Installs toolschema and toolschema-lint with their man pages and shell completions.
#
#   make install                      release build, into /usr/local
#   make install PREFIX=$HOME/.local  another prefix; DESTDIR=... stages a package
#   make uninstall PREFIX=...         removes what install put there
#
# CONFIGURATION=debug reuses a debug build (scripts/check-install does, in CI).
PREFIX ?= /usr/local
DESTDIR ?=
CONFIGURATION ?= release
SWIFT ?= swift

PROGRAMS := toolschema toolschema-lint
BIN_DIR := $(DESTDIR)$(PREFIX)/bin
MAN_DIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASH_DIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_DIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_DIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
MANUALS := .build/plugins/GenerateManual/outputs
COMPLETIONS := .build/completions

.PHONY: all build manuals completions install uninstall

all: build manuals completions

build:
	$(SWIFT) build -c $(CONFIGURATION) --product toolschema
	$(SWIFT) build -c $(CONFIGURATION) --product toolschema-lint

# swift-argument-parser's own plugin writes one page per program from its help.
manuals: build
	$(SWIFT) package generate-manual --configuration $(CONFIGURATION)

completions: build
	mkdir -p $(COMPLETIONS)
	bin="$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)" && for p in $(PROGRAMS); do \
		"$$bin/$$p" --generate-completion-script bash >$(COMPLETIONS)/$$p.bash && \
		"$$bin/$$p" --generate-completion-script zsh >$(COMPLETIONS)/_$$p && \
		"$$bin/$$p" --generate-completion-script fish >$(COMPLETIONS)/$$p.fish || exit 1; \
	done

install: all
	install -d $(BIN_DIR) $(MAN_DIR) $(BASH_DIR) $(ZSH_DIR) $(FISH_DIR)
	bin="$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)" && for p in $(PROGRAMS); do \
		install -m 755 "$$bin/$$p" $(BIN_DIR)/$$p && \
		install -m 644 $(MANUALS)/$$p/$$p.1 $(MAN_DIR)/$$p.1 && \
		install -m 644 $(COMPLETIONS)/$$p.bash $(BASH_DIR)/$$p && \
		install -m 644 $(COMPLETIONS)/_$$p $(ZSH_DIR)/_$$p && \
		install -m 644 $(COMPLETIONS)/$$p.fish $(FISH_DIR)/$$p.fish || exit 1; \
	done

uninstall:
	for p in $(PROGRAMS); do \
		rm -f $(BIN_DIR)/$$p $(MAN_DIR)/$$p.1 $(BASH_DIR)/$$p $(ZSH_DIR)/_$$p $(FISH_DIR)/$$p.fish; \
	done
