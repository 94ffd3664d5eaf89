/*
 * mount [-t T -o O DEV DIR] - mount, or list the mounts.
 *
 * mount                                   list the mounted file systems
 * mount [-t TYPE] [-o OPT,...] DEV DIR    mount one
 * mount -o remount,OPT,... DIR            change the options of a mount
 *
 * With no arguments, /proc/mounts in mount's own form:
 *     /dev/vda1 on /mnt type ext2 (rw,relatime)
 * mount(2) takes the device (or any word, for file systems without one:
 * "tmpfs", "proc"), the directory, the type and flags (MS_RDONLY, ...);
 * what the flags cannot say goes to the file system as a string
 * ("size=16m,mode=755").  Without -t, the types of /proc/filesystems
 * that need a device are tried in turn.
 *
 * What this shows about the kernel: a mount hides the directory's own
 * contents under the new file system's root until umount; /proc/mounts
 * is the kernel's list of them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmk.h"

static const struct {
	const char *name;
	unsigned long set, clear;
} options[] = {
	{ "ro", MS_RDONLY, 0 },		{ "rw", 0, MS_RDONLY },
	{ "nosuid", MS_NOSUID, 0 },	{ "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 },	{ "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 },	{ "exec", 0, MS_NOEXEC },
	{ "sync", MS_SYNCHRONOUS, 0 },	{ "async", 0, MS_SYNCHRONOUS },
	{ "dirsync", MS_DIRSYNC, 0 },	{ "remount", MS_REMOUNT, 0 },
	{ "bind", MS_BIND, 0 },		{ "rbind", MS_BIND | MS_REC, 0 },
	{ "move", MS_MOVE, 0 },		{ "noatime", MS_NOATIME, 0 },
	{ "atime", 0, MS_NOATIME },	{ "nodiratime", MS_NODIRATIME, 0 },
	{ "relatime", MS_RELATIME, 0 },	{ "strictatime", MS_STRICTATIME, 0 },
	{ "lazytime", MS_LAZYTIME, 0 },	{ "defaults", 0, 0 },
};

/* Split "ro,size=1m": known words into *flags, the rest into data. */
static void parse_options(char *list, unsigned long *flags, char *data, size_t size)
{
	char *w;
	unsigned i;

	for (w = strtok(list, ","); w; w = strtok(NULL, ",")) {
		for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
			if (strcmp(w, options[i].name) == 0)
				break;
		if (i < sizeof(options) / sizeof(options[0])) {
			*flags = (*flags | options[i].set) & ~options[i].clear;
		} else if (strlen(data) + strlen(w) + 2 < size) {
			if (*data)
				strcat(data, ",");
			strcat(data, w);
		}
	}
}

static int list_mounts(void)
{
	struct mmk_mount *m;
	int n, i;

	m = mmk_read_mounts(&n);
	if (!m) {
		fprintf(stderr, "mount: /proc/mounts: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("%s on %s type %s (%s)\n", m[i].dev, m[i].dir, m[i].type, m[i].opts);
	free(m);
	return 0;
}

/* No -t: each type of /proc/filesystems that needs a device, until one
 * recognises it (the others say EINVAL; ENODEV is an unknown type). */
static int mount_any(const char *dev, const char *dir, unsigned long flags, const char *data)
{
	struct mmk_lines lr;
	char *l;
	int r = -1, tried = 0;

	if (mmk_lines_open(&lr, "/proc/filesystems") == 0) {
		while ((l = mmk_lines_next(&lr)) != NULL) {
			if (strncmp(l, "nodev", 5) == 0)
				continue;
			l += strspn(l, " \t");
			tried = 1;
			r = mount(dev, dir, l, flags, data);
			if (r == 0 || (errno != EINVAL && errno != ENODEV))
				break;
		}
		mmk_lines_close(&lr);
	}
	if (!tried)
		r = mount(dev, dir, "ext2", flags, data);
	return r;
}

int main(int argc, char **argv)
{
	const char *type = NULL, *dev, *dir;
	unsigned long flags = 0;
	static char data[256];
	int i = 1, r;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			type = argv[++i];
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			parse_options(argv[++i], &flags, data, sizeof(data));
		} else {
			fprintf(stderr, "usage: mount [-t TYPE] [-o OPT,...] DEV DIR\n");
			return 1;
		}
	}
	if (i == argc)
		return list_mounts();
	if (argc - i == 1 && (flags & MS_REMOUNT)) {
		dev = NULL;
		dir = argv[i];
	} else if (argc - i == 2) {
		dev = argv[i];
		dir = argv[i + 1];
	} else {
		fprintf(stderr, "usage: mount [-t TYPE] [-o OPT,...] DEV DIR\n");
		return 1;
	}
	if (type || (flags & (MS_REMOUNT | MS_BIND | MS_MOVE)))
		r = mount(dev, dir, type, flags, *data ? data : NULL);
	else
		r = mount_any(dev, dir, flags, *data ? data : NULL);
	if (r < 0) {
		fprintf(stderr, "mount: mounting %s on %s failed: %s\n", dev ? dev : "none", dir,
			strerror(errno));
		return 1;
	}
	return 0;
}
