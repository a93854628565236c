/* The reference kernel of a memory-bound epidemic (issue 20): N persons of 16 bytes, DAYS daily passes over all of
 * them, and LOOKUPS random look-ups per person over the whole run (spread evenly over the days), each reading and
 * updating a random person, as a contact would. It does no epidemiology: it is the floor that memory traffic alone
 * sets for a run of that size on this machine. scripts/bench.sh prints tongchou's 1-thread run over this kernel's time.
 *
 *   cc -O2 -o reference_kernel bench/reference_kernel.c && ./reference_kernel [N [DAYS [LOOKUPS]]]
 *
 * Defaults: N = 1000000, DAYS = 200, LOOKUPS = 120. Prints a checksum (so that nothing is optimised away). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  uint32_t state, days, contacts, last;
} Person; /* 16 bytes */

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
  const unsigned days = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 200;
  const unsigned lookups = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 120;
  if (n == 0 || days == 0) return 2;
  Person* p = calloc(n, sizeof(Person));
  if (!p) return 1;
  for (size_t i = 0; i < n; ++i) p[i].state = (uint32_t)(i * 2654435761u);
  uint64_t x = 88172645463325252ull, sum = 0;
  const size_t per_day = n * lookups / days;
  for (unsigned d = 0; d < days; ++d) {
    for (size_t i = 0; i < n; ++i) { /* the daily pass: read and write every person's 16 bytes */
      p[i].days += (p[i].state >> 31) ^ (d & 1u);
      p[i].last = p[i].contacts + d;
    }
    for (size_t k = 0; k < per_day; ++k) { /* contacts: a random person read and updated */
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      Person* q = &p[x % n];
      sum += q->state;
      q->contacts += 1;
    }
  }
  for (size_t i = 0; i < n; ++i) sum += p[i].days + p[i].last;
  printf("%llu\n", (unsigned long long)sum);
  free(p);
  return 0;
}
