/* rsswrap: run one benchmark process and report its exit status and peak RSS.
 *
 * Usage: rsswrap FD PROGRAM [ARGS...]
 * Forks, execs PROGRAM, waits for it with wait4 and writes one line
 * "<wait status> <ru_maxrss KiB>\n" to file descriptor FD, then exits 0.
 *
 * Why: Linux charges a process, in ru_maxrss, the peak RSS of the image it was
 * exec'd from. Children forked straight from the Python runner would all
 * report at least the runner's own ~16 MB. Forked from this tiny program, the
 * floor is about 1 MB. bench/run.py builds it into a temp dir (never in the
 * source tree) and falls back to plain wait4 when no C compiler exists.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rsswrap FD PROGRAM [ARGS...]\n");
        return 2;
    }
    int fd = atoi(argv[1]);
    /* The report pipe must not leak into the measured program. */
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        perror("rsswrap: report fd");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("rsswrap: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "rsswrap: cannot run %s: ", argv[2]);
        perror(NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    pid_t got;
    do {
        got = wait4(pid, &status, 0, &ru);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        perror("rsswrap: wait4");
        return 2;
    }
    dprintf(fd, "%d %ld\n", status, (long)ru.ru_maxrss);
    return 0;
}
