/* The file-writing floor: writes the files named in a listing, with the same sizes, into a
 * fresh folder tree, and nothing else. What a site generator cannot beat on this machine.
 *
 *   floor LISTING OUT_DIR      LISTING: one "SIZE<TAB>RELATIVE/PATH" line per file
 *
 * Single-threaded open/write/close, parent folders created as met, no fsync: the same
 * work a generator's publish step does, minus rendering. OUT_DIR must not exist. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char made[4096]; /* the last folder known to exist: listings come grouped by folder */

static int make_parents(char *path) {
  char *slash = strrchr(path, '/');
  if (slash == NULL) return 0;
  *slash = '\0';
  int ok = 0;
  if (strcmp(path, made) != 0) {
    for (char *p = path + 1; *p; ++p) {
      if (*p != '/') continue;
      *p = '\0';
      if (mkdir(path, 0755) != 0 && errno != EEXIST) ok = -1;
      *p = '/';
    }
    if (mkdir(path, 0755) != 0 && errno != EEXIST) ok = -1;
    snprintf(made, sizeof made, "%s", path);
  }
  *slash = '/';
  return ok;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: floor LISTING OUT_DIR\n");
    return 2;
  }
  FILE *listing = fopen(argv[1], "r");
  if (listing == NULL || mkdir(argv[2], 0755) != 0) {
    perror(listing == NULL ? argv[1] : argv[2]);
    return 2;
  }
  size_t cap = 1 << 20;
  char *data = malloc(cap);
  memset(data, 'x', cap);
  char line[4096], path[8192];
  long files = 0, bytes = 0;
  while (fgets(line, sizeof line, listing) != NULL) {
    char *tab = strchr(line, '\t');
    if (tab == NULL) continue;
    line[strcspn(line, "\n")] = '\0';
    size_t size = strtoul(line, NULL, 10);
    snprintf(path, sizeof path, "%s/%s", argv[2], tab + 1);
    if (size > cap) {
      data = realloc(data, size);
      memset(data + cap, 'x', size - cap);
      cap = size;
    }
    int fd;
    if (make_parents(path) != 0 || (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
      perror(path);
      return 1;
    }
    if (write(fd, data, size) != (ssize_t)size || close(fd) != 0) {
      perror(path);
      return 1;
    }
    ++files;
    bytes += (long)size;
  }
  fclose(listing);
  printf("floor: %ld files, %ld bytes\n", files, bytes);
  return 0;
}
