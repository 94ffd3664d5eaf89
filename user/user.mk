# user/user.mk - user programs and the initramfs, included by the top Makefile
# (which defines O, CROSS, PYTHON, Q and WERROR before including us).
#
#   make initramfs      $(O)/initramfs.cpio with /bin/*, /init, /data/*, /bad/*
#   make user           just the programs, in $(O)/user/bin/ (unstripped, for GDB)
#   make user-qemu      run them on Linux under qemu-arm (CMD='...' to choose)
#
# Programs are ARM-state, soft-float, static ELF files linked against newlib
# with our own crt0 and system-call layer (docs/userspace.md).  Each one also
# runs on Linux: qemu-arm $(O)/user/bin/free

# Tools and system programs (user/bin/), test programs (user/tests/) and the
# benchmark (user/bench/).  /bin in the initramfs holds all of them.
USER_TOOLS := init sh cat echo ls ps free pmap vmstat slabtop smem kill \
              sleep true uname crash forkdemo make-it-fail \
              cp mv rm ln mkdir rmdir touch truncate stat readlink cksum dd \
              df mount umount sync dmesg memhog oomdemo memsample \
              mkswap swapon swapoff
USER_TESTS := zero_page lazy_heap cow cow_reuse stack_growth segv_kills efault \
              mmap_semantics exec_bad asid_rollover brk_shrink pgtables linux_abi ucopy tls overcommit mlock_madvise \
              fuzz exhaust \
              fs_semantics fs_stress wbtest pagemap swapwork swapabi swapentry alltests
USER_BENCH := mmbench
USER_PROGS := $(USER_TOOLS) $(USER_TESTS) $(USER_BENCH)

U_O       := $(O)/user
U_OBJ     := $(U_O)/obj
U_BIN     := $(U_O)/bin
# newlib declares clock_gettime, nanosleep and CLOCK_MONOTONIC only for
# systems that announce POSIX timers; ours does.
U_POSIX   := -D_POSIX_TIMERS=1 -D_POSIX_MONOTONIC_CLOCK=200112L
U_ARCH    := -march=armv7-a -marm -mfloat-abi=soft
U_CFLAGS  := $(U_ARCH) -O2 -ggdb -std=gnu11 -Wall -Wextra -Wno-unused-parameter \
             -Wshadow -Wstrict-prototypes $(if $(filter 1,$(WERROR)),-Werror) \
             -fno-stack-protector -fno-omit-frame-pointer -fno-strict-aliasing \
             -Iuser/include -MMD -MP $(U_POSIX)
U_LDFLAGS := $(U_ARCH) -static -nostartfiles -T user/lib/user.ld \
             -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 \
             -Wl,--build-id=none -Wl,--gc-sections
U_LIBS    := -Wl,--start-group $(U_OBJ)/libmmk.a -lc -lgcc -Wl,--end-group

U_LIBOBJ  := $(patsubst user/lib/%.c,$(U_OBJ)/lib/%.o,$(wildcard user/lib/*.c))
U_CRT0    := $(U_OBJ)/lib/crt0.o
U_PROGS   := $(addprefix $(U_BIN)/,$(USER_PROGS))
U_DATA    := $(wildcard user/data/*)
U_BAD     := $(U_O)/bad

user: $(U_PROGS) ## the user programs, unstripped, in build/BOARD/user/bin
initramfs: $(O)/initramfs.cpio ## the initramfs: /bin, /init, /etc/help, /data, /bad

$(U_OBJ)/%.o: user/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(U_CFLAGS) -ffunction-sections -fdata-sections -c $< -o $@

$(U_OBJ)/%.o: user/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(U_ARCH) -ggdb -c $< -o $@

$(U_OBJ)/libmmk.a: $(U_LIBOBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(CROSS)ar rcs $@ $^

# One link rule per program: user/<dir>/<prog>.c -> $(U_BIN)/<prog>
define U_PROG_RULE
$(U_BIN)/$(1): $(U_OBJ)/$(2)/$(1).o $(U_EXTRA_$(1)) $(U_CRT0) $(U_OBJ)/libmmk.a user/lib/user.ld
	@mkdir -p $(U_BIN)
	@echo "  LD      $$@"
	$(Q)$(CC) $(U_LDFLAGS) -Wl,-Map,$(U_OBJ)/$(1).map -o $$@ $(U_CRT0) $(U_OBJ)/$(2)/$(1).o $(U_EXTRA_$(1)) $(U_LIBS)
endef
# mmbench times the kernel's clear_page and copy_page: the same source.
U_EXTRA_mmbench := $(U_OBJ)/bench/arch_page.o
$(U_OBJ)/bench/arch_page.o: arch/arm/page.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(U_ARCH) -ggdb -c $< -o $@

$(foreach p,$(USER_TOOLS),$(eval $(call U_PROG_RULE,$(p),bin)))
$(foreach p,$(USER_TESTS),$(eval $(call U_PROG_RULE,$(p),tests)))
$(foreach p,$(USER_BENCH),$(eval $(call U_PROG_RULE,$(p),bench)))

# The initramfs gets copies without debug info (symbols kept); the files in
# $(U_BIN) have the same addresses, for GDB.
U_STRIP   := $(addprefix $(U_O)/strip/,$(USER_PROGS))
$(U_O)/strip/%: $(U_BIN)/%
	@mkdir -p $(dir $@)
	$(Q)$(CROSS)strip --strip-debug -o $@ $<

# Malformed ELF files for exec_bad, all derived from a good program.
$(U_BAD)/.stamp: $(U_O)/strip/true scripts/mkbadelf.py
	@echo "  BADELF  $(U_BAD)"
	$(Q)rm -rf $(U_BAD) && $(PYTHON) scripts/mkbadelf.py $< $(U_BAD)
	@touch $@

# The shell's `help` index (/etc/help): one line per program, from the
# first sentence of its source's comment (scripts/mkhelp.py).
U_SOURCES := $(foreach p,$(USER_TOOLS),user/bin/$(p).c) $(foreach p,$(USER_TESTS),user/tests/$(p).c) \
             $(foreach p,$(USER_BENCH),user/bench/$(p).c)
$(U_O)/help: $(U_SOURCES) scripts/mkhelp.py
	@mkdir -p $(U_O)
	$(Q)$(PYTHON) scripts/mkhelp.py $@ $(U_SOURCES)

$(O)/initramfs.cpio: $(U_STRIP) $(U_BAD)/.stamp $(U_DATA) $(U_O)/help scripts/mkinitramfs.py
	@echo "  CPIO    $@"
	$(Q)$(PYTHON) scripts/mkinitramfs.py -o $@ \
		--dir bin --dir proc --dir data --dir bad --dir dev --dir etc \
		--tree bin=$(U_O)/strip:0755 \
		init=$(U_O)/strip/init:0755 etc/help=$(U_O)/help:0644 \
		--tree data=user/data:0644 \
		--tree bad=$(U_BAD):0755

# The same programs on Linux, under qemu-arm (user/qemu-run.sh):
#   make user-qemu                 alltests
#   make user-qemu CMD='free -m'   any command line of the initramfs
user-qemu: $(O)/initramfs.cpio ## the same programs on Linux under qemu-arm (CMD='...')
	user/qemu-run.sh $< $(or $(CMD),alltests)

.PHONY: user initramfs user-qemu

-include $(U_LIBOBJ:.o=.d) $(wildcard $(U_OBJ)/bin/*.d $(U_OBJ)/tests/*.d $(U_OBJ)/bench/*.d)
