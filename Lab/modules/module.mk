# The build rules every lab test module shares (included by Lab/modules/<name>/Makefile,
# which sets NAME and SRCDIR first).
#
#   make KRELEASE=6.1.0-56-amd64                     -> <module dir>/out/6.1.0-56-amd64/NAME.ko
#   make KRELEASE=6.12.117+deb12-amd64 OUT=/some/dir -> /some/dir/NAME.ko
#   make clean                                       (removes out/)
#
# The sources are copied into a private build directory under the per-release output
# directory (OUT/.NAME-build) and Kbuild runs there, so builds for different releases never
# share objects, the source directory stays clean and other modules built into the same OUT
# (as vigil-lab does) keep their own Kbuild file. The kernel headers for KRELEASE must be
# installed (/lib/modules/KRELEASE/build). Building never loads anything.

KRELEASE ?= $(shell uname -r)
KDIR     ?= /lib/modules/$(KRELEASE)/build
OUT      ?= $(SRCDIR)/out/$(KRELEASE)
BUILD    := $(OUT)/.$(NAME)-build
SOURCES  := $(NAME).c Kbuild

.PHONY: all modules clean

all modules:
	@test -d "$(KDIR)" || { echo "$(NAME): no kernel build tree at $(KDIR) (install linux-headers-$(KRELEASE))" >&2; exit 1; }
	mkdir -p "$(BUILD)"
	cp $(addprefix $(SRCDIR)/,$(SOURCES)) "$(BUILD)/"
	$(MAKE) -C "$(KDIR)" M="$(BUILD)" modules
	cp "$(BUILD)/$(NAME).ko" "$(OUT)/$(NAME).ko"
	@echo "$(NAME): built $(OUT)/$(NAME).ko for $(KRELEASE)"

clean:
	rm -rf "$(SRCDIR)/out"
