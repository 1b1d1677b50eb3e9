#include "CMemory.h"

// Any libc header defines __GLIBC__ on glibc systems; test it only after one is included.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int cmemory_keep_freed_blocks(long bytes) {
#if defined(__GLIBC__)
    // glibc refuses an mmap threshold above 32 MiB on 64-bit systems (HEAP_MAX / 2).
    if (bytes > 32L * 1024 * 1024) bytes = 32L * 1024 * 1024;
    int ok = mallopt(M_MMAP_THRESHOLD, (int)bytes);
    ok &= mallopt(M_TRIM_THRESHOLD, (int)(bytes * 4));
    return ok;
#else
    (void)bytes;
    return 0;
#endif
}
