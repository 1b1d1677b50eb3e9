#include "CMemory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cmemory_keep_freed_blocks(long bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, (int)bytes);
    mallopt(M_TRIM_THRESHOLD, (int)(bytes * 2));
#else
    (void)bytes;
#endif
}
