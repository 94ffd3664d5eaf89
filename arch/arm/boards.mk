# Per-board settings.  The kernel is linked per board: PHYS_OFFSET (start of
# RAM) is a compile-time constant so that pa_to_kva() is one addition.  The
# devices themselves are found in the DTB at run time.
#
#   PHYS_OFFSET       start of RAM
#   DEBUG_UART_PHYS   UART used by the early console before the DTB is read
#   DEBUG_UART_TYPE   1 = PL011, 2 = 16550 (AM335x)
#   BOARD_DEFINES     CPU-specific switches (CONFIG_CPU_MP: the CPU has the
#                     Multiprocessing Extensions and inner-shareable TLB ops)

ifeq ($(BOARD),vexpress-a9)
  PHYS_OFFSET     := 0x60000000
  DEBUG_UART_PHYS := 0x10009000
  DEBUG_UART_TYPE := 1
  BOARD_DEFINES   := -DCONFIG_CPU_MP=1
  QEMU_MACHINE    := vexpress-a9
  QEMU_CPU        := -audiodev none,id=snd0 -global pl041.audiodev=snd0
else ifeq ($(BOARD),virt)
  PHYS_OFFSET     := 0x40000000
  DEBUG_UART_PHYS := 0x09000000
  DEBUG_UART_TYPE := 1
  BOARD_DEFINES   := -DCONFIG_CPU_MP=1
  QEMU_MACHINE    := virt
  # -nic none: QEMU 7.2's virt otherwise adds a virtio NIC and looks for
  # efi-virtio.rom, which Debian's qemu-system-arm does not install.
  QEMU_CPU        := -cpu cortex-a15 -nic none
else ifeq ($(BOARD),beaglebone)
  PHYS_OFFSET     := 0x80000000
  DEBUG_UART_PHYS := 0x44E09000
  DEBUG_UART_TYPE := 2
  BOARD_DEFINES   :=
  QEMU_MACHINE    := none
  QEMU_CPU        :=
else ifeq ($(BOARD),cubieboard)
  # The Cortex-A8 check board: QEMU's Allwinner A10, built with the same
  # CPU settings as beaglebone (no CONFIG_CPU_MP), so that the A8 code
  # paths run in an emulator.  16550 UART like the AM335x's.
  PHYS_OFFSET     := 0x40000000
  DEBUG_UART_PHYS := 0x01C28000
  DEBUG_UART_TYPE := 2
  BOARD_DEFINES   :=
  QEMU_MACHINE    := cubieboard
  QEMU_CPU        :=
else
  $(error unknown BOARD=$(BOARD): use vexpress-a9, virt, beaglebone or cubieboard)
endif
