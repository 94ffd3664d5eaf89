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
  QEMU_CPU        := -cpu cortex-a15
else ifeq ($(BOARD),beaglebone)
  PHYS_OFFSET     := 0x80000000
  DEBUG_UART_PHYS := 0x44E09000
  DEBUG_UART_TYPE := 2
  BOARD_DEFINES   :=
  QEMU_MACHINE    := none
  QEMU_CPU        :=
else
  $(error unknown BOARD=$(BOARD): use vexpress-a9, virt or beaglebone)
endif
