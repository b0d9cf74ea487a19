// Not API: memory hints Swift has no spelling for. Only RapportModel imports this module.
#ifndef RAPPORT_MEMORY_HINTS_H
#define RAPPORT_MEMORY_HINTS_H

#include <stddef.h>

// Asks the processor to start loading the cache line holding `address` for a read soon.
// A hint only: it never faults, whatever the address, and changes no result.
static inline void rapport_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

// Storage for `bytes` of plain records, starting on a 64-byte cache line; NULL if out of memory.
// A block of at least `RAPPORT_HUGE_PAGE_MINIMUM` bytes starts on a 2 MiB boundary and asks the
// kernel to back it with transparent huge pages (madvise; honoured when the system's setting is
// "madvise" or "always", ignored otherwise). Free with `rapport_free_records`.
void *rapport_allocate_records(size_t bytes);
void rapport_free_records(void *records);

// The smallest block given huge pages: four of them, so that rounding up wastes little.
#define RAPPORT_HUGE_PAGE_MINIMUM ((size_t)8 << 20)

#endif
