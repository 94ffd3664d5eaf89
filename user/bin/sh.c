/*
 * sh - the mmkernel shell.
 *
 *   sh              read commands from standard input, prompting "mmk# "
 *   sh -c COMMAND   run one command line and exit with its status
 *   sh FILE         run the lines of FILE
 *
 * A command line is one or more pipelines separated by ';'.  A pipeline is
 * commands joined by '|', optionally ending with '&' (run in the
 * background).  A command is words with optional redirections, applied
 * from left to right after the pipes are set up:
 *     < file      standard input from file
 *     > file      standard output to file (truncated; also a /proc knob)
 *     >> file     standard output appended to file
 *     N> file     descriptor N (0-9) instead: 2> errors, 2>> ...
 *     N>&M        descriptor N becomes a copy of M: `cmd > log 2>&1`
 *                 sends both to log; `cmd 2>&1 | cat` both down the pipe
 * Words may be quoted with '...' or "..." (in which \$ \" \\ stand for
 * themselves), or have characters escaped with \; $? (status of the last
 * pipeline), $$ (this shell's pid) and $NAME (environment) are expanded
 * outside single quotes.  Leading NAME=VALUE words set environment
 * variables for that command (or, alone on the line, for the shell).
 *
 * A program name without '/' is looked up in /bin.  Built-ins: exit [N],
 * poweroff, cd [DIR|-], pwd, help; redirections work for them too.  No
 * history, no job control: the console's line discipline does echo and
 * backspace.
 *
 * When a foreground child is killed by a signal the shell says so, like
 * other shells do: "Segmentation fault (pid 12)".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mmk.h"

#define PROMPT		"mmk# "
#define MAX_LINE	1024
#define MAX_WORDS	64
#define MAX_CMDS	8
#define MAX_REDIRS	8

/* One redirection: open path on fd (T_IN, T_OUT, T_APPEND), or make fd a
 * copy of from (T_DUP, "fd>&from"). */
struct redirect {
	int kind;
	int fd, from;
	const char *path;
};

struct cmd {
	char *argv[MAX_WORDS + 1];
	int argc;
	struct redirect redir[MAX_REDIRS];	/* in the order written */
	int nredir;
};

struct pipeline {
	struct cmd cmd[MAX_CMDS];
	int n;
	int background;
};

static int last_status;		/* $? */
extern char **environ;

/* ------------------------------------------------------------ lexing */
/* Tokens: words (in a string pool) and operators. */
enum tok { T_WORD, T_PIPE, T_SEMI, T_AMP, T_IN, T_OUT, T_APPEND, T_DUP, T_END };

struct lexer {
	const char *p;
	int pushed;		/* a token read ahead and given back, or -1 */
	char pool[MAX_LINE * 2];
	size_t used;
	char *word;		/* the last T_WORD */
	int fd, from;		/* the last redirection's descriptors */
};

/*
 * A redirection operator at p: [N]<, [N]>, [N]>>, [N]>&M.  Sets lx->fd
 * (N, or 0 for '<' and 1 for '>') and, for >&M, lx->from; moves lx->p
 * past it.  -1 if p is not one ("2x", ">&x").
 */
static int lex_redirect(struct lexer *lx, const char *p)
{
	int fd = -1;

	if (*p >= '0' && *p <= '9' && (p[1] == '<' || p[1] == '>'))
		fd = *p++ - '0';
	if (*p == '<') {
		lx->fd = fd < 0 ? 0 : fd;
		lx->p = p + 1;
		return T_IN;
	}
	if (*p != '>')
		return -1;
	lx->fd = fd < 0 ? 1 : fd;
	if (p[1] == '>') {
		lx->p = p + 2;
		return T_APPEND;
	}
	if (p[1] == '&') {
		if (p[2] < '0' || p[2] > '9')
			return -1;
		lx->from = p[2] - '0';
		lx->p = p + 3;
		return T_DUP;
	}
	lx->p = p + 1;
	return T_OUT;
}

/* Append the value of $? / $$ / $NAME at *src to the word being built. */
static const char *expand(const char *src, char *dst, size_t *n, size_t cap)
{
	char name[64], num[16];
	const char *val = "";
	size_t k = 0;

	if (*src == '?' || *src == '$') {
		snprintf(num, sizeof(num), "%d", *src == '?' ? last_status : (int)getpid());
		val = num;
		src++;
	} else {
		while ((*src == '_' || (*src >= 'A' && *src <= 'Z') ||
			(*src >= 'a' && *src <= 'z') || (*src >= '0' && *src <= '9')) &&
		       k < sizeof(name) - 1)
			name[k++] = *src++;
		name[k] = '\0';
		if (k == 0)
			val = "$";
		else if (getenv(name))
			val = getenv(name);
	}
	while (*val && *n < cap - 1)
		dst[(*n)++] = *val++;
	return src;
}

static enum tok next_token(struct lexer *lx)
{
	const char *p = lx->p;
	char *w = lx->pool + lx->used;
	size_t n = 0, cap = sizeof(lx->pool) - lx->used;
	char quote = 0;

	int r;

	if (lx->pushed >= 0) {		/* the look-ahead of parse_pipeline */
		enum tok t = (enum tok)lx->pushed;

		lx->pushed = -1;
		return t;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if ((r = lex_redirect(lx, p)) >= 0)
		return r;
	lx->p = p + 1;
	switch (*p) {
	case '\0': case '\n': case '#':
		lx->p = p;
		return T_END;
	case '|': return T_PIPE;
	case ';': return T_SEMI;
	case '&': return T_AMP;
	}
	for (; *p && *p != '\n' && n < cap - 1; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			else if (quote == '"' && *p == '\\' && p[1] && strchr("$\"\\", p[1]))
				w[n++] = *++p;
			else if (*p == '$' && quote == '"')
				p = expand(p + 1, w, &n, cap) - 1;
			else
				w[n++] = *p;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '\\' && p[1]) {
			w[n++] = *++p;
		} else if (strchr(" \t|;&<>", *p)) {
			break;
		} else if (*p == '$') {
			p = expand(p + 1, w, &n, cap) - 1;
		} else {
			w[n++] = *p;
		}
	}
	w[n] = '\0';
	lx->used += n + 1;
	lx->p = p;
	lx->word = w;
	return T_WORD;
}

/* Add the redirection just lexed (token t) to c; for a file, the next word
 * is its name.  0, or -1 after a syntax error message. */
static int add_redirect(struct lexer *lx, struct cmd *c, enum tok t)
{
	struct redirect *r = &c->redir[c->nredir];
	int fd = lx->fd, from = lx->from;

	if (c->nredir == MAX_REDIRS) {
		fprintf(stderr, "sh: too many redirections\n");
		return -1;
	}
	r->kind = t;
	r->fd = fd;
	r->from = from;
	r->path = NULL;
	if (t != T_DUP) {
		if (next_token(lx) != T_WORD) {
			fprintf(stderr, "sh: syntax error: file name expected after %s\n",
				t == T_IN ? "<" : t == T_OUT ? ">" : ">>");
			return -1;
		}
		r->path = lx->word;
	}
	c->nredir++;
	return 0;
}

/*
 * Parse one pipeline from the lexer into pl.  Returns T_SEMI if another
 * pipeline follows (after ';' or '&'), T_END at the end of the line, or
 * -1 after printing a syntax error.
 */
static int parse_pipeline(struct lexer *lx, struct pipeline *pl)
{
	struct cmd *c;
	enum tok t;

	memset(pl, 0, sizeof(*pl));
	pl->n = 1;
	c = &pl->cmd[0];
	for (;;) {
		t = next_token(lx);
		if (t == T_WORD) {
			if (c->argc == MAX_WORDS) {
				fprintf(stderr, "sh: too many words\n");
				return -1;
			}
			c->argv[c->argc++] = lx->word;
		} else if (t == T_IN || t == T_OUT || t == T_APPEND || t == T_DUP) {
			if (add_redirect(lx, c, t) < 0)
				return -1;
		} else if (t == T_PIPE) {
			if (c->argc == 0 || pl->n == MAX_CMDS) {
				fprintf(stderr, "sh: syntax error near '|'\n");
				return -1;
			}
			c = &pl->cmd[pl->n++];
		} else {				/* T_AMP, T_SEMI, T_END */
			if (c->argc == 0 && (pl->n > 1 || c->nredir || t == T_AMP)) {
				fprintf(stderr, "sh: syntax error: missing command\n");
				return -1;
			}
			if (t == T_AMP) {		/* "a & b": a in the background, then b */
				pl->background = 1;
				t = next_token(lx);
				if (t == T_AMP || t == T_PIPE) {
					fprintf(stderr, "sh: syntax error after '&'\n");
					return -1;
				}
				if (t != T_SEMI && t != T_END) {
					lx->pushed = (int)t;	/* the next pipeline's first token */
					return T_SEMI;
				}
			}
			return t == T_SEMI ? T_SEMI : T_END;
		}
	}
}

/* ------------------------------------------------------------ running */
/* Open a redirection target; for '>' try a plain O_WRONLY too, which is
 * all a /proc knob may accept.  Returns the fd or -1 (message printed). */
static int open_redirect(const char *path, int out, int append)
{
	int fd, err;

	if (!out)
		fd = open(path, O_RDONLY);
	else
		fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0644);
	if (fd >= 0 || !out)
		goto done;
	err = errno;
	fd = open(path, O_WRONLY);
	if (fd < 0)
		errno = err;
done:
	if (fd < 0)
		fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
	return fd;
}

static void move_fd(int from, int to)
{
	if (from != to) {
		dup2(from, to);
		close(from);
	}
}

/* Apply c's redirections in order.  0, or -1 after a message. */
static int apply_redirects(const struct cmd *c)
{
	const struct redirect *r;
	int i, fd;

	for (i = 0; i < c->nredir; i++) {
		r = &c->redir[i];
		if (r->kind == T_DUP) {
			if (r->from != r->fd && dup2(r->from, r->fd) < 0) {
				fprintf(stderr, "sh: %d: %s\n", r->from, strerror(errno));
				return -1;
			}
			continue;
		}
		fd = open_redirect(r->path, r->kind != T_IN, r->kind == T_APPEND);
		if (fd < 0)
			return -1;
		move_fd(fd, r->fd);
	}
	return 0;
}

/* "NAME=value", with NAME a valid variable name? */
static int is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');
	const char *p;

	if (!eq || eq == w || (*w >= '0' && *w <= '9'))
		return 0;
	for (p = w; p < eq; p++)
		if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

static int only_assignments(const struct cmd *c)
{
	int i;

	for (i = 0; i < c->argc; i++)
		if (!is_assignment(c->argv[i]))
			return 0;
	return 1;
}

/* Move leading NAME=VALUE words of c into our environment; the number of
 * words that remain. */
static int take_assignments(struct cmd *c)
{
	int k = 0, i;

	while (k < c->argc && is_assignment(c->argv[k]))
		putenv(c->argv[k++]);
	for (i = k; i <= c->argc; i++)		/* shift, with the NULL */
		c->argv[i - k] = c->argv[i];
	c->argc -= k;
	return c->argc;
}

/* In the child: environment, redirections, then exec.  Never returns. */
static void exec_cmd(struct cmd *c)
{
	char path[256];

	if (take_assignments(c) == 0)
		_exit(0);
	if (apply_redirects(c) < 0)
		_exit(1);
	if (strchr(c->argv[0], '/'))
		snprintf(path, sizeof(path), "%s", c->argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", c->argv[0]);
	execve(path, c->argv, environ);
	if (errno == ENOENT) {
		fprintf(stderr, "sh: %s: not found\n", c->argv[0]);
		_exit(127);
	}
	fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
	_exit(126);
}

/* What the shell says when a child was killed: "Segmentation fault (pid 7)". */
static void report_signal(pid_t pid, int status, const char *prefix)
{
	int sig = WTERMSIG(status);
	const char *d = mmk_sigdesc(sig);

	if (sig == LINUX_SIGPIPE || sig == LINUX_SIGINT)
		return;
	if (d)
		fprintf(stderr, "%s%s (pid %d)\n", prefix, d, (int)pid);
	else
		fprintf(stderr, "%sKilled by signal %d (pid %d)\n", prefix, sig, (int)pid);
}

static int status_value(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void run_pipeline(struct pipeline *pl)
{
	pid_t pids[MAX_CMDS];
	int i, prev_read = -1, fds[2], status;

	fflush(NULL);
	for (i = 0; i < pl->n; i++) {
		fds[0] = fds[1] = -1;
		if (i + 1 < pl->n && pipe(fds) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			if (prev_read >= 0)
				move_fd(prev_read, 0);
			if (fds[1] >= 0) {
				close(fds[0]);
				move_fd(fds[1], 1);
			}
			exec_cmd(&pl->cmd[i]);
		}
		if (pids[i] < 0)
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		if (prev_read >= 0)
			close(prev_read);
		if (fds[1] >= 0)
			close(fds[1]);
		prev_read = fds[0];
		if (pids[i] < 0)
			break;
	}
	if (prev_read >= 0)
		close(prev_read);
	if (pl->background) {
		if (i > 0 && pids[i - 1] > 0)
			printf("[%d]\n", (int)pids[i - 1]);
		last_status = 0;
		return;
	}
	last_status = i < pl->n ? 1 : 0;
	while (i-- > 0) {
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i])
			continue;
		if (WIFSIGNALED(status))
			report_signal(pids[i], status, "");
		if (i == pl->n - 1)
			last_status = status_value(status);
	}
}

/* Background children that finished since the last prompt. */
static void reap_background(void)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (WIFSIGNALED(status))
			report_signal(pid, status, "[done] ");
		else
			fprintf(stderr, "[%d] done, exit status %d\n", (int)pid,
				WEXITSTATUS(status));
	}
}

/* ------------------------------------------------------------ built-ins */
/*
 * cd [DIR|-] and pwd.  cd with no DIR goes to $HOME (or /), "cd -" back to
 * $OLDPWD; PWD and OLDPWD follow.  The working directory is the kernel's
 * (chdir, getcwd); a kernel without getcwd has no chdir either, so every
 * process is at "/" there.  Returns 1 if c was one of them.
 */
static int builtin_dir(struct cmd *c)
{
	char cwd[LINUX_PATH_MAX];
	const char *dir;

	if (strcmp(c->argv[0], "pwd") == 0) {
		last_status = 0;
		if (getcwd(cwd, sizeof(cwd)))
			printf("%s\n", cwd);
		else if (errno == ENOSYS)
			printf("/\n");
		else {
			fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
			last_status = 1;
		}
		return 1;
	}
	if (strcmp(c->argv[0], "cd") != 0)
		return 0;
	dir = c->argc > 1 ? c->argv[1] : getenv("HOME") ? getenv("HOME") : "/";
	if (strcmp(dir, "-") == 0)
		dir = getenv("OLDPWD") ? getenv("OLDPWD") : ".";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: can't cd to %s: %s\n", dir, strerror(errno));
		last_status = 1;
		return 1;
	}
	if (c->argc > 1 && strcmp(c->argv[1], "-") == 0)
		printf("%s\n", dir);
	if (getenv("PWD"))
		setenv("OLDPWD", getenv("PWD"), 1);
	setenv("PWD", getcwd(cwd, sizeof(cwd)) ? cwd : dir, 1);
	last_status = 0;
	return 1;
}

/* help: the built-ins, the syntax, then one line per program (/etc/help). */
static void help(void)
{
	static char buf[8192];
	int n;

	printf("built-ins: exit [N], poweroff, cd [DIR|-], pwd, help\n"
	       "syntax:    cmd > file, cmd >> file, cmd < file, a | b, a ; b, cmd &, a & b,\n"
	       "           'quoted', \"$VAR\", $?, $$, NAME=value cmd\n"
	       "programs in /bin:\n");
	fflush(stdout);
	n = mmk_read_file("/etc/help", buf, sizeof(buf));
	if (n > 0) {
		fputs(buf, stdout);
		last_status = 0;
	} else {
		fprintf(stderr, "sh: help: /etc/help: %s\n", strerror(errno));
		last_status = 1;
	}
}

/* Returns 1 if c was a built-in (and ran it). */
static int builtin(struct cmd *c)
{
	const char *name = c->argv[0];

	if (strcmp(name, "exit") == 0) {
		fflush(NULL);
		exit(c->argc > 1 ? atoi(c->argv[1]) : last_status);
	}
	if (strcmp(name, "poweroff") == 0) {
		fflush(NULL);
		reboot(LINUX_REBOOT_CMD_POWER_OFF);
		fprintf(stderr, "poweroff: %s\n", strerror(errno));
		last_status = 1;
		return 1;
	}
	if (builtin_dir(c))
		return 1;
	if (strcmp(name, "help") == 0) {
		help();
		return 1;
	}
	return 0;
}

/* The built-ins' names (those builtin() knows). */
static int is_builtin(const char *name)
{
	static const char *const names[] = { "exit", "poweroff", "cd", "pwd", "help" };
	unsigned i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * A built-in runs in the shell itself: its redirections are applied to the
 * shell's own descriptors 0-2 for the time it runs, then undone.  Returns
 * 1 if c was a built-in (and ran it).
 */
static int run_builtin(struct cmd *c)
{
	int saved[3], i;

	if (c->nredir == 0)
		return builtin(c);
	if (!is_builtin(c->argv[0]))
		return 0;
	fflush(NULL);
	for (i = 0; i < 3; i++)
		saved[i] = dup(i);
	if (apply_redirects(c) == 0)
		builtin(c);
	else
		last_status = 1;
	fflush(NULL);
	for (i = 0; i < 3; i++) {
		if (saved[i] >= 0)
			move_fd(saved[i], i);
		else
			close(i);
	}
	return 1;
}

static void run_line(const char *line)
{
	static struct lexer lx;
	static struct pipeline pl;
	int t;

	lx.p = line;
	lx.used = 0;
	lx.pushed = -1;
	do {
		t = parse_pipeline(&lx, &pl);
		if (t < 0) {
			last_status = 2;
			return;
		}
		if (pl.cmd[0].argc == 0)
			continue;
		if (pl.n == 1 && !pl.background && only_assignments(&pl.cmd[0])) {
			take_assignments(&pl.cmd[0]);	/* NAME=value alone: ours */
			continue;
		}
		if (pl.n == 1 && !pl.background && run_builtin(&pl.cmd[0]))
			continue;
		run_pipeline(&pl);
	} while (t == T_SEMI);
}

/* ------------------------------------------------------------ input */
/* Read one line from fd into line (without '\n'); 0 at end of input. */
static int read_line(int fd, char *line, size_t size)
{
	static char buf[MAX_LINE];
	static size_t len;
	size_t n = 0;
	ssize_t r;

	for (;;) {
		char *nl = memchr(buf, '\n', len);

		if (nl || len == sizeof(buf)) {
			size_t take = nl ? (size_t)(nl - buf) : len;

			n = take < size - 1 ? take : size - 1;
			memcpy(line, buf, n);
			line[n] = '\0';
			take += nl ? 1 : 0;
			memmove(buf, buf + take, len - take);
			len -= take;
			return 1;
		}
		r = read(fd, buf + len, sizeof(buf) - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (len == 0)
				return 0;
			buf[len++] = '\n';	/* last line without a newline */
			continue;
		}
		len += r;
	}
}

int main(int argc, char **argv)
{
	char *line;
	int fd = 0, interactive = 1;

	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		run_line(argv[2]);
		fflush(NULL);
		return last_status;
	}
	if (argc > 1) {
		fd = open(argv[1], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		interactive = 0;
	}
	line = malloc(MAX_LINE);	/* on the heap: pmap shows a [heap] */
	if (!line)
		return 1;
	for (;;) {
		if (interactive) {
			reap_background();
			fputs(PROMPT, stdout);
			fflush(stdout);
		}
		if (!read_line(fd, line, MAX_LINE))
			break;
		run_line(line);
	}
	fflush(NULL);
	return last_status;
}
