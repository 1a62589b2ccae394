# Vigil: build, install and package the `vigil` command (GNU make).
#
#   make                          static release binary, manual pages and shell completions
#   sudo make install             into / (PREFIX=/usr); DESTDIR=/some/dir stages instead
#   sudo make uninstall
#   make deb                      dist/vigil_VERSION_amd64.deb (dpkg-deb, no debhelper)
#   make clean
#
# VIGIL_BINARY=path installs or packages an existing static binary instead of building one
# (scripts/test reuses the binary it built for the lab). Manual pages and completions are
# generated from that binary: vigil --experimental-dump-help and --generate-completion-script.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:
.NOTPARALLEL:

SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
SCRATCH ?= .build-pkg
SWIFT_BUILD_FLAGS ?= -c release --static-swift-stdlib -Xswiftc -static-executable -Xlinker --strip-all

PREFIX ?= /usr
DESTDIR ?=
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/vigil
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
SYSCONFDIR ?= /etc
UNITDIR ?= /lib/systemd/system

VERSION := $(shell sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/VigilCore/VigilVersion.swift)
# The date on the manual pages: the last commit's, so that a rebuild gives the same pages.
MANDATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

DEB_ARCH ?= amd64
DEB_MAINTAINER ?= Vigil maintainers <maintainers@users.noreply.r-seed-a069c444.example>
DISTDIR ?= dist
DEB := $(DISTDIR)/vigil_$(VERSION)_$(DEB_ARCH).deb

# Without VIGIL_BINARY, the binary is the one `make build` makes (built on first need).
ifeq ($(origin VIGIL_BINARY),undefined)
VIGIL_BINARY := $(SCRATCH)/release/vigil
$(VIGIL_BINARY):
	$(MAKE) build
endif

GENDIR := $(SCRATCH)/generated
GENERATED := $(GENDIR)/vigil.8 $(GENDIR)/vigil.toml.5 $(GENDIR)/vigil.bash $(GENDIR)/_vigil $(GENDIR)/vigil.fish
MAN_SOURCES := scripts/generate-manpages.swift packaging/man/vigil.8.in packaging/man/vigil.toml.5.in config/vigil.toml
DOCS := README.md docs/install.md docs/configuration.md docs/events.md docs/process-integrity.md \
	docs/kernel-integrity.md docs/usermode-helper-and-modules.md

INSTALL ?= install
INSTALL_DIR := $(INSTALL) -d -m 0755
INSTALL_DATA := $(INSTALL) -m 0644
INSTALL_PROGRAM := $(INSTALL) -m 0755

.PHONY: all build man completions generated install uninstall deb clean

all: build generated

# The static binary the lab and the package use: one file, no shared libraries.
build:
	$(SWIFT) build --scratch-path $(SCRATCH) $(SWIFT_BUILD_FLAGS) --product vigil

generated: $(GENERATED)
man: $(GENDIR)/vigil.8 $(GENDIR)/vigil.toml.5
completions: $(GENDIR)/vigil.bash $(GENDIR)/_vigil $(GENDIR)/vigil.fish

$(GENDIR):
	mkdir -p $@

# Both pages from the CLI's description of itself and the commented default configuration.
$(GENDIR)/vigil.8 $(GENDIR)/vigil.toml.5 &: $(VIGIL_BINARY) $(MAN_SOURCES) Makefile | $(GENDIR)
	$(VIGIL_BINARY) --experimental-dump-help > $(GENDIR)/vigil-help.json
	$(SWIFT) scripts/generate-manpages.swift --help-json $(GENDIR)/vigil-help.json \
		--config config/vigil.toml --templates packaging/man --output $(GENDIR) \
		--version $(VERSION) --date $(MANDATE)

# The bash script is sourced, not run: no #! line.
$(GENDIR)/vigil.bash: $(VIGIL_BINARY) Makefile | $(GENDIR)
	$(VIGIL_BINARY) --generate-completion-script bash | sed '1{/^#!/d}' > $@
$(GENDIR)/_vigil: $(VIGIL_BINARY) Makefile | $(GENDIR)
	$(VIGIL_BINARY) --generate-completion-script zsh > $@
$(GENDIR)/vigil.fish: $(VIGIL_BINARY) Makefile | $(GENDIR)
	$(VIGIL_BINARY) --generate-completion-script fish > $@

install: $(VIGIL_BINARY) $(GENERATED)
	$(INSTALL_DIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/vigil \
		$(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	$(INSTALL_PROGRAM) $(VIGIL_BINARY) $(DESTDIR)$(SBINDIR)/vigil
	sed 's|/usr/sbin/vigil|$(SBINDIR)/vigil|g; s|/etc/vigil/|$(SYSCONFDIR)/vigil/|g' \
		packaging/vigil.service > $(DESTDIR)$(UNITDIR)/vigil.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/vigil.service
	@# The configuration is the administrator's once installed: never overwritten.
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml ]; then \
		echo "install: keeping $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml (the shipped default is config/vigil.toml)"; \
	else \
		$(INSTALL_DATA) config/vigil.toml $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml; \
	fi
	$(INSTALL_DATA) $(GENDIR)/vigil.8 $(DESTDIR)$(MANDIR)/man8/vigil.8
	$(INSTALL_DATA) $(GENDIR)/vigil.toml.5 $(DESTDIR)$(MANDIR)/man5/vigil.toml.5
	$(INSTALL_DATA) $(GENDIR)/vigil.bash $(DESTDIR)$(BASHCOMPDIR)/vigil
	$(INSTALL_DATA) $(GENDIR)/_vigil $(DESTDIR)$(ZSHCOMPDIR)/_vigil
	$(INSTALL_DATA) $(GENDIR)/vigil.fish $(DESTDIR)$(FISHCOMPDIR)/vigil.fish
	$(INSTALL_DATA) $(DOCS) $(DESTDIR)$(DOCDIR)/
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl daemon-reload; \
		echo "install: vigil.service is installed, not enabled: run vigil check, read $(SYSCONFDIR)/vigil/vigil.toml, then systemctl enable --now vigil"; \
	fi

# Leaves the configuration when it was changed, as dpkg does on remove.
uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/vigil $(DESTDIR)$(UNITDIR)/vigil.service \
		$(DESTDIR)$(MANDIR)/man8/vigil.8 $(DESTDIR)$(MANDIR)/man5/vigil.toml.5 \
		$(DESTDIR)$(BASHCOMPDIR)/vigil $(DESTDIR)$(ZSHCOMPDIR)/_vigil $(DESTDIR)$(FISHCOMPDIR)/vigil.fish \
		$(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS)))
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true
	@if cmp -s config/vigil.toml $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml; then \
		rm -f $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml; \
		rmdir $(DESTDIR)$(SYSCONFDIR)/vigil 2>/dev/null || true; \
	elif [ -e $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml ]; then \
		echo "uninstall: keeping the changed $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml"; \
	fi
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi

# A .deb without debhelper: `make install` into a staging tree, Debian's conventions on top
# (compressed manual pages, md5sums, conffiles, maintainer scripts). The documents stay
# uncompressed, so the paths vigil(8) and the unit name are right for both ways of installing.
DEBROOT := $(SCRATCH)/deb/root
deb: $(VIGIL_BINARY) $(GENERATED)
	rm -rf $(SCRATCH)/deb
	mkdir -p $(DEBROOT) $(DISTDIR)
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(DEBROOT)) PREFIX=/usr SYSCONFDIR=/etc \
		UNITDIR=/lib/systemd/system VIGIL_BINARY=$(abspath $(VIGIL_BINARY))
	gzip -9n $(DEBROOT)/usr/share/man/man8/vigil.8 $(DEBROOT)/usr/share/man/man5/vigil.toml.5
	printf 'vigil (%s) unstable; urgency=medium\n\n  * Built from the Vigil repository at commit %s.\n\n -- %s  %s\n' \
		'$(VERSION)' "$$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" '$(DEB_MAINTAINER)' \
		"$$(date -u -R -d @$(SOURCE_DATE_EPOCH))" | gzip -9n > $(DEBROOT)/usr/share/doc/vigil/changelog.gz
	$(INSTALL_DIR) $(DEBROOT)/usr/share/lintian/overrides
	$(INSTALL_DATA) packaging/deb/lintian-overrides $(DEBROOT)/usr/share/lintian/overrides/vigil
	$(INSTALL_DIR) $(DEBROOT)/DEBIAN
	sed -e 's|@VERSION@|$(VERSION)|' -e 's|@ARCH@|$(DEB_ARCH)|' -e 's|@MAINTAINER@|$(DEB_MAINTAINER)|' \
		-e "s|@INSTALLED_SIZE@|$$(du -sk --exclude=DEBIAN $(DEBROOT) | cut -f1)|" \
		packaging/deb/control > $(DEBROOT)/DEBIAN/control
	$(INSTALL_DATA) packaging/deb/conffiles $(DEBROOT)/DEBIAN/conffiles
	$(INSTALL_PROGRAM) packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm $(DEBROOT)/DEBIAN/
	cd $(DEBROOT) && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
		| xargs -0 md5sum > DEBIAN/md5sums
	chmod 0644 $(DEBROOT)/DEBIAN/md5sums
	find $(DEBROOT) -newermt "@$(SOURCE_DATE_EPOCH)" -exec touch --no-dereference --date="@$(SOURCE_DATE_EPOCH)" {} +
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) dpkg-deb --root-owner-group -Zxz --build $(DEBROOT) $(DEB)
	@echo "deb: $(DEB)"

clean:
	rm -rf $(GENDIR) $(SCRATCH)/deb $(DISTDIR)
