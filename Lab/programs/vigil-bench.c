// SPDX-License-Identifier: GPL-2.0-only
/*
 * vigil-bench: per-operation cost of the system calls a guard may slow down.
 * Usage: vigil-bench LABEL [SECONDS_PER_OP]
 * For each operation it runs batches for about SECONDS_PER_OP and prints the
 * median of the batch means: "BENCH phase=LABEL op=NAME ns=N batches=B min=N max=N".
 * Runs as root (setresuid(0,0,0) must be allowed). Static, no dependencies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCHES 256

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static const char *scratch = "/tmp/vigil-bench.file";
static int pipe_to_child[2], pipe_to_parent[2];

static void op_getppid(void) { syscall(SYS_getppid); }

static void op_open_close(void)
{
	int fd = open(scratch, O_RDONLY);
	if (fd < 0) { perror("open"); exit(2); }
	close(fd);
}

static void op_stat(void)
{
	struct stat st;
	if (stat(scratch, &st) != 0) { perror("stat"); exit(2); }
}

static void op_pipe_round_trip(void)
{
	char byte = 'x';
	if (write(pipe_to_child[1], &byte, 1) != 1 || read(pipe_to_parent[0], &byte, 1) != 1) { perror("pipe"); exit(2); }
}

static void op_fork_wait(void)
{
	pid_t pid = fork();
	if (pid == 0) _exit(0);
	if (pid < 0) { perror("fork"); exit(2); }
	waitpid(pid, NULL, 0);
}

static void op_fork_exec_wait(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	if (pid < 0) { perror("fork"); exit(2); }
	int status = 0;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) { fprintf(stderr, "exec of /bin/true failed\n"); exit(2); }
}

static void op_setresuid(void)
{
	if (setresuid(0, 0, 0) != 0) { perror("setresuid"); exit(2); }
}

struct operation {
	const char *name;
	void (*run)(void);
	int batch;
};

static void measure(const char *label, const struct operation *op, double seconds)
{
	double means[MAX_BATCHES];
	int batches = 0;
	for (int i = 0; i < op->batch / 10 + 1; i++) /* warm up */
		op->run();
	double deadline = now_ns() + seconds * 1e9;
	while (batches < MAX_BATCHES && (batches < 5 || now_ns() < deadline)) {
		double start = now_ns();
		for (int i = 0; i < op->batch; i++)
			op->run();
		means[batches++] = (now_ns() - start) / op->batch;
	}
	qsort(means, batches, sizeof(means[0]), compare_doubles);
	printf("BENCH phase=%s op=%s ns=%.0f batches=%d min=%.0f max=%.0f\n", label, op->name, means[batches / 2], batches,
	       means[0], means[batches - 1]);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: vigil-bench LABEL [SECONDS_PER_OP]\n");
		return 64;
	}
	double seconds = argc > 2 ? atof(argv[2]) : 1.5;
	if (seconds <= 0) {
		fprintf(stderr, "vigil-bench: SECONDS_PER_OP must be positive\n");
		return 64;
	}
	int fd = open(scratch, O_CREAT | O_WRONLY, 0644);
	if (fd < 0) { perror(scratch); return 2; }
	close(fd);

	/* Pin to CPU 0 so that every phase runs under the same conditions. */
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);

	if (pipe(pipe_to_child) != 0 || pipe(pipe_to_parent) != 0) { perror("pipe"); return 2; }
	pid_t echo = fork();
	if (echo == 0) {
		/* Keep only the child's ends, or the parent's close never reaches EOF here. */
		close(pipe_to_child[1]);
		close(pipe_to_parent[0]);
		char byte;
		while (read(pipe_to_child[0], &byte, 1) == 1)
			if (write(pipe_to_parent[1], &byte, 1) != 1)
				break;
		_exit(0);
	}

	if (echo < 0) { perror("fork"); return 2; }
	close(pipe_to_child[0]);
	close(pipe_to_parent[1]);

	const struct operation operations[] = {
		{ "getppid", op_getppid, 2000 },
		{ "open+close", op_open_close, 500 },
		{ "stat", op_stat, 500 },
		{ "pipe-round-trip", op_pipe_round_trip, 100 },
		{ "fork+wait", op_fork_wait, 10 },
		{ "fork+exec+wait", op_fork_exec_wait, 5 },
		{ "setresuid", op_setresuid, 1000 },
	};
	for (size_t i = 0; i < sizeof(operations) / sizeof(operations[0]); i++)
		measure(argv[1], &operations[i], seconds);

	close(pipe_to_child[1]);
	waitpid(echo, NULL, 0);
	unlink(scratch);
	return 0;
}
