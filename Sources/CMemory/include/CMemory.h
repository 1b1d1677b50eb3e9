// Process-level tuning of glibc's allocator and cache hints, which Swift does not expose.
#ifndef CMEMORY_H
#define CMEMORY_H

/// Keeps freed blocks up to `bytes` in the heap instead of returning them to the kernel, so
/// that repeated searches reuse their buffers rather than fault fresh pages in each time.
/// At most 32 MiB (glibc's limit). Returns 1 when applied, 0 where the allocator is not
/// glibc's or refused.
int cmemory_keep_freed_blocks(long bytes);

/// Asks the CPU to bring the cache line at `address` in for a write soon (no effect on
/// what the program computes).
static inline void cmemory_prefetch(const void *address) { __builtin_prefetch(address, 1); }

#endif
