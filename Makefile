# The one Makefile.  Everything it builds goes under build/<board>/.
#
#   make run            boot the default board (vexpress-a9) in QEMU, console on stdio
#   make test           host unit tests + system tests; ends with "N passed, N failed"
#   make bench          benchmarks under -icount shift=0 (instructions per operation)
#   make debug          QEMU halted, waiting for GDB on :1234
#   make gdb            gdb-multiarch with symbols and scripts/gdb helpers
#   make fuzz           the system-call fuzzer in QEMU (SEED= CALLS= WORKERS= SEEDS=
#                       FAIL=1 for fault injection too; DEBUG=0 for the other build)
#   make plot           memory over time under a pressure SCENARIO=read|oom|hog|swap (PNG)
#   make help           every target, from the "## ..." comments after them
#
# Variables: BOARD=vexpress-a9|virt|beaglebone  MEM=<MiB>  BOOTARGS='...'
#            DISK=path (a raw disk image for virtio-blk; default the ext2
#            image build/<board>/disk.img made from disk/) or DISK=none
#            DEBUG=1 (poisoning and extra checks; default) or DEBUG=0
#            WERROR=1 (default for `make test`; set WERROR=0 to let a newer
#            compiler's new warnings through on `make run`)

BOARD    ?= vexpress-a9
MEM      ?= 1024
BOOTARGS ?=
DEBUG    ?= 1
WERROR   ?= $(if $(filter run debug,$(MAKECMDGOALS)),0,1)

TOP      := $(CURDIR)
V        ?= 0
Q        := $(if $(filter 1,$(V)),,@)
# DEBUG=0 builds go to their own directory, so the two never mix objects.
O        ?= build/$(BOARD)$(if $(filter 0,$(DEBUG)),/nodebug)
PYTHON   := /usr/bin/python3

include arch/arm/boards.mk

# ---------------------------------------------------------------- toolchain
CROSS    ?= arm-none-eabi-
CC       := $(CROSS)gcc
LD       := $(CROSS)ld
OBJCOPY  := $(CROSS)objcopy
OBJDUMP  := $(CROSS)objdump
NM       := $(CROSS)nm
QEMU     := qemu-system-arm
GDB      := gdb-multiarch

# If a tool is missing, the setup script installs it (Debian packages only).
SETUP_OK := $(shell scripts/setup.sh --check >/dev/null 2>&1 && echo yes)
ifneq ($(SETUP_OK),yes)
  $(info setup: some dependencies are missing; running scripts/setup.sh)
  $(shell scripts/setup.sh >&2)
endif

ARCHFLAGS := -march=armv7-a -marm -mfloat-abi=soft -mno-thumb-interwork
WFLAGS    := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
ifeq ($(WERROR),1)
  WFLAGS  += -Werror
endif
INCLUDES  := -Iinclude -Iarch/arm/include
DEFINES   := -DPHYS_OFFSET=$(PHYS_OFFSET) -DBOARD_NAME='"$(BOARD)"' \
             -DDEBUG_UART_PHYS=$(DEBUG_UART_PHYS) -DDEBUG_UART_TYPE=$(DEBUG_UART_TYPE) \
             $(BOARD_DEFINES)
ifeq ($(DEBUG),1)
  DEFINES += -DCONFIG_DEBUG_MM=1
endif
OPT       ?= -O2
CFLAGS    := $(ARCHFLAGS) $(OPT) -ggdb -std=gnu11 -ffreestanding -fno-builtin \
             -fno-common -fno-omit-frame-pointer -fno-strict-aliasing \
             -fno-pic -fno-stack-protector -fno-delete-null-pointer-checks \
             $(WFLAGS) $(INCLUDES) $(DEFINES) -MMD -MP
ASFLAGS   := $(ARCHFLAGS) -ggdb $(INCLUDES) $(DEFINES) -D__ASSEMBLER__ -MMD -MP
LIBGCC    := $(shell $(CC) $(ARCHFLAGS) -print-libgcc-file-name)

# ------------------------------------------------------------------ sources
KSRC := $(wildcard boot/*.S) \
        $(wildcard arch/arm/*.S) $(wildcard arch/arm/*.c) \
        $(wildcard kernel/*.c) $(wildcard kernel/*/*.c) $(wildcard kernel/fs/*/*.c) \
        $(wildcard mm/*.c) $(wildcard drivers/*.c) $(wildcard drivers/*/*.c)
KOBJ := $(patsubst %,$(O)/%.o,$(basename $(KSRC)))

KELF  := $(O)/kernel.elf
KIMG  := $(O)/Image
# Boards whose DTB comes from QEMU itself (virt) have no .dts here.
DTS   := $(wildcard arch/arm/dts/$(BOARD).dts)
DTB   := $(if $(DTS),$(O)/$(BOARD).dtb)

all: $(KIMG) $(DTB) $(O)/kernel.lst $(O)/System.map ## the kernel, its listing and symbol map, the initramfs (the default)

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(O)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

$(O)/linker.lds: linker.ld arch/arm/include/asm/memory.h
	@mkdir -p $(O)
	$(Q)$(CC) -E -P -x c $(INCLUDES) $(DEFINES) -D__ASSEMBLER__ $< -o $@

# Two-pass link for the symbol table used by backtraces (kallsyms): the
# table lives at the end of .rodata, after all code, so text addresses do
# not move between the passes; scripts/kallsyms.py --check proves it.
$(O)/kallsyms0.S:
	@mkdir -p $(O)
	$(Q)$(PYTHON) scripts/kallsyms.py --empty > $@

$(O)/kernel.tmp.elf: $(KOBJ) $(O)/kallsyms0.o $(O)/linker.lds
	@echo "  LD      $@"
	$(Q)$(LD) -T $(O)/linker.lds -nostdlib -o $@ $(KOBJ) $(O)/kallsyms0.o $(LIBGCC)

$(O)/kallsyms.S: $(O)/kernel.tmp.elf scripts/kallsyms.py
	$(Q)$(NM) -n $< | $(PYTHON) scripts/kallsyms.py > $@

$(KELF): $(KOBJ) $(O)/kallsyms.o $(O)/linker.lds
	@echo "  LD      $@"
	$(Q)$(LD) -T $(O)/linker.lds -nostdlib -Map $(O)/kernel.map -o $@ $(KOBJ) $(O)/kallsyms.o $(LIBGCC)
	$(Q)$(NM) -n $@ | $(PYTHON) scripts/kallsyms.py | cmp -s - $(O)/kallsyms.S || \
		{ echo "kallsyms: text moved between link passes" >&2; rm -f $@; exit 1; }

$(KIMG): $(KELF)
	$(Q)$(OBJCOPY) -O binary $< $@

$(O)/kernel.lst: $(KELF)
	$(Q)$(OBJDUMP) -d -S $< > $@

$(O)/System.map: $(KELF)
	$(Q)$(NM) -n $< > $@

$(O)/$(BOARD).dtb: arch/arm/dts/$(BOARD).dts
	@mkdir -p $(O)
	$(Q)dtc -q -W no-unit_address_vs_reg -I dts -O dtb -o $@ $<

-include $(KOBJ:.o=.d)

-include user/user.mk
-include scripts/targets.mk

# The initramfs (user/user.mk builds it from user/) goes with every boot.
ifneq ($(USER_PROGS),)
all: initramfs
QEMU_INITRD := -initrd $(O)/initramfs.cpio
endif

# --------------------------------------------------------------------- disk
# The disk `make run` attaches (docs/block.md): an ext2 file system of
# 64 MiB with 4 KiB blocks (one block per page: what a page cache finds
# simplest), made from the files under disk/ by e2fsprogs' mke2fs, which
# needs no root.  Rebuilt only when disk/ changes, so what a run writes
# to it stays.  DISK=path attaches another raw image, DISK=none none.
MKE2FS   := /sbin/mke2fs
DISK_IMG := $(O)/disk.img
DISK     ?= $(DISK_IMG)

$(DISK_IMG): $(shell find disk -type f 2>/dev/null)
	@mkdir -p $(O)
	@echo "  MKE2FS  $@"
	$(Q)rm -f $@
	$(Q)$(MKE2FS) -q -t ext2 -b 4096 -L mmkdisk -E root_owner=0:0 -d disk $@ 64M >/dev/null

ifneq ($(QEMU_MACHINE),none)
all: $(DISK_IMG)
endif

# cache=unsafe: QEMU ignores the guest's flushes (they are still sent and
# waited for), so they do not cost host disk syncs.
ifeq ($(DISK),none)
QEMU_DISK :=
else
QEMU_DISK := -drive if=none,id=vd0,file=$(DISK),format=raw,cache=unsafe \
             -device virtio-blk-device,drive=vd0
endif

# --------------------------------------------------------------------- QEMU
QEMU_ARGS := -M $(QEMU_MACHINE) $(QEMU_CPU) -m $(MEM) -nographic -no-reboot \
             -kernel $(KIMG) $(if $(DTB),-dtb $(DTB)) $(QEMU_INITRD) $(QEMU_DISK) \
             -append "$(strip console=ttyAMA0 $(BOOTARGS))"
export QEMU_AUDIO_DRV := none

run: all ## build and boot BOARD in QEMU, console here (leave: Ctrl-A x)
ifeq ($(QEMU_MACHINE),none)
	@echo "BOARD=$(BOARD) has no QEMU model: make BOARD=$(BOARD) sdcard, then see docs/boards/$(BOARD).md"; exit 1
endif
	$(QEMU) $(QEMU_ARGS)

debug: all ## QEMU halted before the first instruction, GDB stub on :1234
	@echo "QEMU is halted; in another terminal: make gdb BOARD=$(BOARD)"
	$(QEMU) $(QEMU_ARGS) -s -S

gdb: $(KELF) ## gdb-multiarch on :1234 with symbols and scripts/gdb helpers
	$(GDB) -q -x scripts/gdb/gdbinit -ex 'target remote :1234' $(KELF)

# -------------------------------------------------------------------- tests
HOST_CC     := gcc
HOST_O      := build/host
HOST_CFLAGS := -include tests/host/include/host_rename.h -std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter $(if $(filter 1,$(WERROR)),-Werror) \
               -fsanitize=address,undefined -fno-sanitize-recover=undefined \
               -fno-omit-frame-pointer -Itests/host/include -Iinclude \
               -DPHYS_OFFSET=0x60000000UL -DHOST_TEST=1 -DCONFIG_DEBUG_MM=1
# Every file of mm/ and the portable parts of kernel/ build on the host.
HOST_SRC    := $(wildcard mm/*.c) kernel/vsprintf.c kernel/fdt.c kernel/cmdline.c kernel/elf.c \
               kernel/lz4.c $(wildcard tests/host/shim*.c)
HOST_TESTS  := $(patsubst tests/host/%.c,$(HOST_O)/%,$(wildcard tests/host/test_*.c))
# Libraries one test needs beyond cmocka: HOST_LIBS_<test>.
HOST_LIBS_test_lz4 := -llz4	# liblz4, to check kernel/lz4.c against

$(HOST_O)/%: tests/host/%.c $(HOST_SRC) $(wildcard include/*/*.h tests/host/include/*/*.h)
	@mkdir -p $(HOST_O)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(HOST_SRC) -lcmocka $(HOST_LIBS_$*)

# The ext2 tests run the real VFS over a disk image: they link kernel/fs/
# and ext2 too, with tests/host/fs/ standing in for the scheduler and the
# block layer (its strong symbols override shim_vfs.c's weak ones).  These
# sources are compiled once each into build/host/obj.
HOST_FS_SRC := $(addprefix kernel/fs/,block_dev.c buffer.c char_dev.c dcache.c devtmpfs.c \
               dirops.c file_table.c fs-writeback.c inode.c libfs.c mpage.c namei.c \
               namespace.c open.c read_write.c shmem.c stat.c super.c sync.c) \
               $(wildcard kernel/fs/ext2/*.c) $(wildcard tests/host/fs/*.c)
HOST_FS_OBJ := $(patsubst %.c,$(HOST_O)/obj/%.o,$(HOST_SRC) $(HOST_FS_SRC))

$(HOST_O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(HOST_O)/test_ext2: tests/host/test_ext2.c $(HOST_FS_OBJ)
	@mkdir -p $(HOST_O)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -o $@ $< $(HOST_FS_OBJ) -lcmocka

-include $(HOST_FS_OBJ:.o=.d) $(HOST_O)/test_ext2.d

host-tests: $(HOST_TESTS) $(HOST_O)/dtbs ## build the host unit tests (tests/host, ASan + UBSan)

# DTB fixtures for the FDT parser tests, compiled by dtc from tests/host/dts.
$(HOST_O)/dtbs: $(wildcard tests/host/dts/*.dts)
	@mkdir -p $@
	for f in $^; do dtc -q -I dts -O dtb -o $@/$$(basename $$f .dts).dtb $$f || exit 1; done
	@touch $@

test: host-tests all ## host unit tests + system tests; ends with "N passed, N failed"
	$(PYTHON) scripts/run-tests.py --board $(BOARD)

bench: ## benchmarks under qemu -icount shift=0 (instructions per operation)
	$(MAKE) DEBUG=0 O=build/$(BOARD)/bench all
	$(PYTHON) scripts/bench.py --board $(BOARD) --build build/$(BOARD)/bench

# Memory over time under pressure (scripts/plot.py): boots at MEM=128
# (or the MEM= given), runs SCENARIO=read|oom|hog|swap under memsample and
# draws build/plot-SCENARIO.png from build/plot-SCENARIO.csv.
SCENARIO ?= oom
plot: all ## memory over time under SCENARIO=read|oom|hog|swap: build/plot-SCENARIO.png
	$(PYTHON) scripts/plot.py --board $(BOARD) --build $(O) --scenario $(SCENARIO) \
		--mem $(if $(filter command line,$(origin MEM)),$(MEM),128)

# The system-call fuzzer (user/tests/fuzz.c) in QEMU: make fuzz SEED=1
# CALLS=100000, or SEEDS="1 2 3"; FAIL=1 boots with fault injection and
# lets the workers' allocations fail too.  Ends with a total line.
SEED    ?= 1
SEEDS   ?= $(SEED)
CALLS   ?= 100000
WORKERS ?= 4
FAIL    ?= 0
fuzz: all ## the system-call fuzzer (SEED= CALLS= WORKERS= SEEDS= FAIL=1)
	$(PYTHON) scripts/fuzz.py --board $(BOARD) --build $(O) --seeds "$(SEEDS)" \
		--calls $(CALLS) --workers $(WORKERS) $(if $(filter 1,$(FAIL)),--inject)

clean: ## remove build/
	rm -rf build

# make help: every target with a "## what it does" comment, from the
# Makefiles themselves (tests/system/test_tools.py checks that none is missing).
HELP_FILES := Makefile scripts/targets.mk user/user.mk
help: ## this list
	@echo "make TARGET [BOARD=vexpress-a9|virt|beaglebone|cubieboard] [MEM=MiB] [BOOTARGS='...'] [DEBUG=0|1]"
	@echo
	@sed -n 's/^\([a-z][a-z-]*\):.*## \(.*\)/\1\t\2/p' $(HELP_FILES) | \
		awk -F'\t' '{ printf "  make %-16s %s\n", $$1, $$2 }'
	@echo
	@echo "Variables: BOARD MEM BOOTARGS DEBUG WERROR LAB (grade, lab-handout) SEED CALLS SCENARIO (plot)"
	@echo "Start with README.md and docs/README.md."

.PHONY: all run debug gdb test host-tests bench fuzz plot clean help
