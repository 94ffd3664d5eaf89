# scripts/targets.mk - boot media, U-Boot, graders and lab handouts; included
# by the top Makefile (which defines BOARD, O, MEM, BOOTARGS, PYTHON, QEMU,
# QEMU_MACHINE, QEMU_CPU, KIMG, DTB and GDB before including us).
#
#   make BOARD=virt sdcard          $(O)/sdcard/ (boot files) + $(O)/sdcard.img
#   make BOARD=virt run-uboot       QEMU + Debian's U-Boot boots sdcard.img
#   make BOARD=virt debug-uboot     the same, halted for GDB (make gdb)
#   make BOARD=beaglebone sdcard    $(O)/sdcard/ to copy to the card; with
#        MLO=path/MLO UBOOT_IMG=path/u-boot.img also a whole $(O)/sdcard.img
#   make grade LAB=n                score lab n on this tree (scripts/grade.py)
#   make lab-handout LAB=n          build/handout-labN/: the tree with lab n's
#                                   functions stubbed out (scripts/lab-handout.py)
#   make gdb-batch CMDS=file        gdb-multiarch in batch mode on a running
#                                   `make debug` (for scripted walkthroughs)
#   make fresh-check                a minimal Debian 12 chroot, given only git
#                                   and make, must pass `make run` and `make test`
#                                   (scripts/fresh-check.sh; root, network, slow;
#                                   FRESH_CHECK_ARGS=--fresh to debootstrap again)

UBOOT_BIN  ?= /usr/lib/u-boot/qemu_arm/u-boot.bin
MLO        ?=
UBOOT_IMG  ?=
LAB        ?=

sdcard: all scripts/sdcard.py ## boot files (and an image) for BOARD's SD card (virt, beaglebone)
	$(PYTHON) scripts/sdcard.py --board $(BOARD) --build $(O) \
		--bootargs "$(strip $(BOOTARGS))" \
		$(if $(MLO),--mlo $(MLO)) $(if $(UBOOT_IMG),--uboot-img $(UBOOT_IMG))

# QEMU's virt machine with U-Boot as its firmware: distro boot finds
# boot.scr on the virtio disk.  With the pflash environment (bootdelay=0,
# made by sdcard.py) U-Boot does not wait 2 s for a key.
UBOOT_ENV_ARG = -drive if=pflash,unit=1,format=raw,file=$(O)/uboot-env.img
UBOOT_QEMU_ARGS = -M virt $(QEMU_CPU) -m $(MEM) -nographic -no-reboot \
	-bios $(UBOOT_BIN) \
	-drive if=none,file=$(O)/sdcard.img,format=raw,id=hd0 \
	-device virtio-blk-device,drive=hd0 \
	$(if $(wildcard $(O)/uboot-env.img),$(UBOOT_ENV_ARG))

run-uboot: sdcard ## BOARD=virt: QEMU with Debian's U-Boot booting sdcard.img
ifneq ($(BOARD),virt)
	@echo "run-uboot: only BOARD=virt has a U-Boot in QEMU (Debian's u-boot-qemu)"; exit 1
endif
	$(QEMU) $(UBOOT_QEMU_ARGS)

debug-uboot: sdcard ## the same, halted for GDB in U-Boot's first instruction
	@echo "QEMU is halted in U-Boot's first instruction; in another terminal: make gdb BOARD=$(BOARD)"
	$(QEMU) $(UBOOT_QEMU_ARGS) -s -S

gdb-batch: $(KELF) ## gdb-multiarch in batch mode on a running make debug (CMDS=file)
	$(GDB) -q -batch -x scripts/gdb/gdbinit -ex 'target remote :1234' -x $(CMDS) $(KELF)

grade: ## score lab LAB=n on this tree, exercise by exercise (V=1: every check)
	@test -n "$(LAB)" || { echo "usage: make grade LAB=<1..10>"; exit 2; }
	$(PYTHON) scripts/grade.py --lab $(LAB) --board $(BOARD) $(if $(filter 1,$(V)),-v)

lab-handout: ## build/handout-labN/: the tree with lab LAB=n's functions stubbed
	@test -n "$(LAB)" || { echo "usage: make lab-handout LAB=<1..10>"; exit 2; }
	$(PYTHON) scripts/lab-handout.py --lab $(LAB)

# The GDB transcripts of docs/gdb.md and docs/boot.md and the boot figures
# of docs/physical-memory.md, pasted from a run (tests/system/test_docs.py
# checks them against one).
docs: all ## refresh the transcripts and figures the docs show, from a run
	$(PYTHON) scripts/doc-transcripts.py --update --build $(O)

.PHONY: sdcard run-uboot debug-uboot gdb-batch grade lab-handout docs

# The AM335x host test #includes the drivers it tests (tests/host/test_am335x.c).
build/host/test_am335x: drivers/ns16550.c drivers/am335x-intc.c drivers/am335x-dmtimer.c \
	drivers/am335x-wdt.c arch/arm/dts/beaglebone.dts

# Every lab: the full tree must grade 100%, every handout less (slow: it
# builds seven handouts; tests/system/test_labs.py does a few of them).
lab-check: ## every lab: tree 100%, handouts and known wrong answers lose points
	$(PYTHON) scripts/grade.py --check-all --board $(BOARD)

.PHONY: lab-check

# Not part of `make test`: it debootstraps Debian and downloads every tool
# (5-15 minutes).  Run it after changing scripts/setup.sh.
FRESH_CHECK_ARGS ?=
fresh-check: ## make run and make test in a minimal Debian 12 chroot (slow)
	scripts/fresh-check.sh $(FRESH_CHECK_ARGS)

.PHONY: fresh-check

# A boot loader that enters the kernel with the MMU, caches and the PL310
# on (tests/boot/hostile-loader.S), for the vexpress-a9 boot test.
hostile-loader: $(O)/hostile-loader.bin ## a boot loader that enters with MMU, caches and PL310 on
$(O)/hostile-loader.bin: tests/boot/hostile-loader.S
	@mkdir -p $(O)
	$(Q)$(CC) -march=armv7-a -marm -c $< -o $(O)/hostile-loader.o
	$(Q)$(LD) -Ttext=0x60010000 -e _start -o $(O)/hostile-loader.elf $(O)/hostile-loader.o
	$(Q)$(OBJCOPY) -O binary $(O)/hostile-loader.elf $@

.PHONY: hostile-loader

# The partition parser's host test #includes it (tests/host/test_partitions.c).
build/host/test_partitions: kernel/block/partitions.c kernel/block/partitions.h

# The swap entry in a descriptor is the target's own header, tested on the
# host (tests/host/test_swap_pte.c): arch/arm/include comes after
# tests/host/include, whose asm/memory.h stands in for the target's.  The
# test needs nothing of mm/, so it is compiled alone (seconds, not the
# quarter of a minute that the whole of mm/ under the sanitizers takes).
build/host/test_swap_pte: tests/host/test_swap_pte.c arch/arm/include/asm/mmu.h \
		arch/arm/include/asm/hw.h arch/arm/include/asm/cp15.h include/mm/swapops.h
	@mkdir -p build/host
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -Iarch/arm/include -o $@ $< -lcmocka
