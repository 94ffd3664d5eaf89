/*
 * The trap frame: what every exception entry (arch/arm/entry.S) saves on
 * the SVC stack, and what C sees as `struct pt_regs *regs`.
 *
 *   offset  0 .. 48   r0 .. r12
 *          52         sp   of the interrupted mode (user sp if from user)
 *          56         lr   of the interrupted mode
 *          60         (padding)
 *          64         pc   where to return (already corrected)
 *          68         cpsr of the interrupted code (from SPSR)
 *
 * pc and cpsr are last because `srsdb sp!` pushes them first, and the exit
 * path returns with `rfeia sp!`, which pops them last.  The S_* offsets
 * are used by the assembly and checked against the struct below.
 *
 * The frame is 72 bytes, a multiple of 8: a task's user frame sits at the
 * top of its 8 KiB-aligned kernel stack, and code that calls C with sp at
 * the frame (ret_from_fork) then has sp 8-byte aligned, as the AAPCS
 * requires at every public call (AAPCS 5.2.1.2: "SP mod 8 = 0").
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define S_R0		0
#define S_R7		28
#define S_FP		44
#define S_IP		48
#define S_SP		52
#define S_LR		56
#define S_PAD		60
#define S_PC		64
#define S_CPSR		68
#define S_FRAME_SIZE	72

/* offsets in struct task_struct / cpu_context, checked in kernel/sched.h */
#define CTX_TPIDRURW		40
#define CTX_TPIDRURO		44
#define TASK_PENDING_SIG	48

#ifndef __ASSEMBLER__
#include <kernel/types.h>
#include <asm/hw.h>

struct pt_regs {
	u32 r[13];
	u32 sp;
	u32 lr;
	u32 pad;		/* keeps sizeof a multiple of 8 */
	u32 pc;
	u32 cpsr;
};

_Static_assert(__builtin_offsetof(struct pt_regs, r[7]) == S_R7, "S_R7");
_Static_assert(__builtin_offsetof(struct pt_regs, r[11]) == S_FP, "S_FP");
_Static_assert(__builtin_offsetof(struct pt_regs, r[12]) == S_IP, "S_IP");
_Static_assert(__builtin_offsetof(struct pt_regs, sp) == S_SP, "S_SP");
_Static_assert(__builtin_offsetof(struct pt_regs, lr) == S_LR, "S_LR");
_Static_assert(__builtin_offsetof(struct pt_regs, pc) == S_PC, "S_PC");
_Static_assert(__builtin_offsetof(struct pt_regs, cpsr) == S_CPSR, "S_CPSR");
_Static_assert(sizeof(struct pt_regs) == S_FRAME_SIZE, "S_FRAME_SIZE");
_Static_assert(S_FRAME_SIZE % 8 == 0, "the trap frame keeps sp 8-byte aligned");

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cpsr & MODE_MASK) == MODE_USR;
}

const char *mode_name(u32 cpsr);
void show_regs(const struct pt_regs *regs);
void dump_backtrace(u32 pc, u32 lr, u32 fp, u32 sp);
#endif

#endif
