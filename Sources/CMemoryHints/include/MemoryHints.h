// Not API: a cache hint Swift has no spelling for. Only RapportModel imports this module.
#ifndef RAPPORT_MEMORY_HINTS_H
#define RAPPORT_MEMORY_HINTS_H

// Asks the processor to start loading the cache line holding `address` for a read soon.
// A hint only: it never faults, whatever the address, and changes no result.
static inline void rapport_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
