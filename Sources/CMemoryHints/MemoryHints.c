// Most hints are inline functions in the header; the allocation lives here.
#include "MemoryHints.h"

#include <stdlib.h>
#include <sys/mman.h>

enum { line_size = 64, huge_page_size = 2 << 20 };

void *rapport_allocate_records(size_t bytes) {
    if (bytes == 0) bytes = 1;
    void *records = NULL;
    if (bytes < RAPPORT_HUGE_PAGE_MINIMUM) {
        return posix_memalign(&records, line_size, bytes) == 0 ? records : NULL;
    }
    // Why: a large platform reads client, score and therapist records at random among hundreds
    // of megabytes. With 4 KiB pages nearly every such read also misses the address-translation
    // cache; 2 MiB pages cover the same records with 512 times fewer entries. Only whole huge
    // pages inside the block are advised, so no other allocation is touched.
    if (posix_memalign(&records, huge_page_size, bytes) != 0) return NULL;
#ifdef MADV_HUGEPAGE
    size_t whole = bytes - bytes % huge_page_size;
    if (whole > 0) (void)madvise(records, whole, MADV_HUGEPAGE);
#endif
    return records;
}

void rapport_free_records(void *records) { free(records); }
