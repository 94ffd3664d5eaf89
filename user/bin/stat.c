/*
 * stat [-L] [-f] FILE... - what the kernel keeps about a file.
 *
 * stat [-L] FILE...   what the kernel keeps about a file (its inode)
 * stat -f FILE...     what it keeps about the file system holding it
 *
 * The output is coreutils' default:
 *
 *     File: /mnt/hello.txt
 *     Size: 35        	Blocks: 8          IO Block: 4096   regular file
 *   Device: 254,1	Inode: 12          Links: 1
 *   Access: (0644/-rw-r--r--)  Uid: (    0/ UNKNOWN)   Gid: (    0/ UNKNOWN)
 *   Access: 2024-05-01 10:00:00.000000000 +0000
 *   Modify: ...
 *   Change: ...
 *    Birth: -
 *
 * All of it comes from one lstat64(2) (stat64 with -L, which follows a
 * symbolic link): Size is in bytes, Blocks in 512-byte units actually
 * allocated (smaller than Size for a sparse file), IO Block the preferred
 * transfer size, Device the major,minor of the file system, Links the
 * number of directory entries for the inode (2 + subdirectories for a
 * directory).  Without /etc/passwd and /etc/group, names are UNKNOWN.
 * Times are shown in UTC.
 *
 * -f: statfs64(2): the file system's magic number as a type name, its
 * block size and its block and inode counts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

static const char *file_type(uint32_t mode, int64_t size)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return size ? "regular file" : "regular empty file";
	case S_IFDIR:	return "directory";
	case S_IFLNK:	return "symbolic link";
	case S_IFCHR:	return "character special file";
	case S_IFBLK:	return "block special file";
	case S_IFIFO:	return "fifo";
	case S_IFSOCK:	return "socket";
	default:	return "weird file";
	}
}

/* Name of user/group id from /etc/passwd or /etc/group, else "UNKNOWN". */
static const char *id_name(const char *file, unsigned id)
{
	static char name[2][64];
	static int which;
	struct mmk_lines lr;
	char *l, *colon, *idf;
	const char *found = "UNKNOWN";

	which ^= 1;
	if (mmk_lines_open(&lr, file) < 0)
		return found;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		colon = strchr(l, ':');			/* name:x:id:... */
		idf = colon ? strchr(colon + 1, ':') : NULL;
		if (!idf || (unsigned)strtoul(idf + 1, NULL, 10) != id || idf[1] == ':')
			continue;
		*colon = '\0';
		snprintf(name[which], sizeof(name[which]), "%s", l);
		found = name[which];
		break;
	}
	mmk_lines_close(&lr);
	return found;
}

static void print_time(const char *label, uint32_t sec, uint32_t nsec)
{
	time_t t = sec;
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	printf("%s: %s.%09u +0000\n", label, buf, (unsigned)nsec);
}

static int show_file(const char *path, int follow)
{
	struct linux_stat64 st;
	char mode[11], target[LINUX_PATH_MAX];
	ssize_t n;

	if ((follow ? mmk_stat64(path, &st) : mmk_lstat64(path, &st)) < 0) {
		fprintf(stderr, "stat: cannot statx '%s': %s\n", path, strerror(errno));
		return 1;
	}
	mmk_mode_string(st.st_mode, mode);
	if (S_ISLNK(st.st_mode) && (n = readlink(path, target, sizeof(target) - 1)) >= 0) {
		target[n] = '\0';
		printf("  File: %s -> %s\n", path, target);
	} else {
		printf("  File: %s\n", path);
	}
	printf("  Size: %-10lld\tBlocks: %-10llu IO Block: %-6u %s\n", (long long)st.st_size,
	       (unsigned long long)st.st_blocks, (unsigned)st.st_blksize,
	       file_type(st.st_mode, st.st_size));
	printf("Device: %u,%u\tInode: %-11llu Links: ", MMK_MAJOR(st.st_dev), MMK_MINOR(st.st_dev),
	       (unsigned long long)st.st_ino);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("%-5u Device type: %u,%u\n", (unsigned)st.st_nlink, MMK_MAJOR(st.st_rdev),
		       MMK_MINOR(st.st_rdev));
	else
		printf("%u\n", (unsigned)st.st_nlink);
	printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n",
	       (unsigned)(st.st_mode & 07777), mode, (unsigned)st.st_uid,
	       id_name("/etc/passwd", st.st_uid), (unsigned)st.st_gid,
	       id_name("/etc/group", st.st_gid));
	print_time("Access", st.st_atime_sec, st.st_atime_nsec);
	print_time("Modify", st.st_mtime_sec, st.st_mtime_nsec);
	print_time("Change", st.st_ctime_sec, st.st_ctime_nsec);
	printf(" Birth: -\n");
	return 0;
}

static const char *fs_type(uint32_t magic)
{
	switch (magic) {
	case 0xef53:		return "ext2/ext3";
	case 0x01021994:	return "tmpfs";
	case 0x9fa0:		return "proc";
	case 0x62656572:	return "sysfs";
	case 0x858458f6:	return "ramfs";
	case 0x1cd1:		return "devpts";
	case 0x4d44:		return "msdos";
	case 0x42494e4d:	return "binfmt_misc";
	case 0x27e0eb:		return "cgroupfs";
	case 0x63677270:	return "cgroup2fs";
	case 0x794c7630:	return "overlayfs";
	default:		return "UNKNOWN";
	}
}

static int show_fs(const char *path)
{
	struct linux_statfs64 s;

	if (statfs64(path, &s) < 0) {
		fprintf(stderr, "stat: cannot read file system information for '%s': %s\n",
			path, strerror(errno));
		return 1;
	}
	printf("  File: \"%s\"\n", path);
	printf("    ID: %x%08x Namelen: %-7u Type: %s\n", (unsigned)s.f_fsid[0],
	       (unsigned)s.f_fsid[1], (unsigned)s.f_namelen, fs_type(s.f_type));
	printf("Block size: %-10u Fundamental block size: %u\n", (unsigned)s.f_bsize,
	       (unsigned)(s.f_frsize ? s.f_frsize : s.f_bsize));
	printf("Blocks: Total: %-10llu Free: %-10llu Available: %llu\n",
	       (unsigned long long)s.f_blocks, (unsigned long long)s.f_bfree,
	       (unsigned long long)s.f_bavail);
	printf("Inodes: Total: %-10llu Free: %llu\n", (unsigned long long)s.f_files,
	       (unsigned long long)s.f_ffree);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, rc = 0, fs = 0, follow = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-f") == 0) {
			fs = 1;
		} else if (strcmp(argv[i], "-L") == 0) {
			follow = 1;
		} else {
			fprintf(stderr, "usage: stat [-f] [-L] FILE...\n");
			return 1;
		}
	}
	if (i == argc) {
		fprintf(stderr, "stat: missing operand\n");
		return 1;
	}
	for (; i < argc; i++)
		rc |= fs ? show_fs(argv[i]) : show_file(argv[i], follow);
	return rc;
}
