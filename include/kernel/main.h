#ifndef KERNEL_MAIN_H
#define KERNEL_MAIN_H

#include <kernel/types.h>
#include <kernel/selftest.h>

void start_kernel(paddr_t dtb_pa);
void kernel_late_init(const char *cmdline) __noreturn;
int run_selftests(const char *cmdline);
void run_benches(const char *cmdline);
void run_views(const char *cmdline);
void show_view(const struct view *v);
void list_views(void);

#endif
