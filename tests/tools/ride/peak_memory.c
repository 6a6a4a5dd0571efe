/* Runs a command and prints its peak resident memory in KiB (wait4's ru_maxrss) on stderr, as
 * the last line: "peak_memory: N KiB" (stdout stays the command's).
 *
 *   peak_memory COMMAND [ARGS...]
 *
 * A small C parent, because Linux carries a process's high-water mark across fork and exec: a
 * command started from a large parent (a Python test holding its images) would report the
 * parent's memory instead of its own. Exits with the command's status. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
  pid_t child;
  int status = 0;
  struct rusage usage;
  if (argc < 2) {
    fprintf(stderr, "usage: peak_memory COMMAND [ARGS...]\n");
    return 2;
  }
  child = fork();
  if (child < 0) {
    perror("fork");
    return 2;
  }
  if (child == 0) {
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    _exit(127);
  }
  if (wait4(child, &status, 0, &usage) < 0) {
    perror("wait4");
    return 2;
  }
  fprintf(stderr, "peak_memory: %ld KiB\n", usage.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
