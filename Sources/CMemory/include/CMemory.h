// Process-level tuning of glibc's allocator, which Swift's Glibc module does not expose.
#ifndef CMEMORY_H
#define CMEMORY_H

/// Keeps freed blocks up to `bytes` in the heap instead of returning them to the kernel, so
/// that repeated searches reuse their buffers rather than fault fresh pages in each time.
/// At most 32 MiB (glibc's limit). Returns 1 when applied, 0 where the allocator is not
/// glibc's or refused.
int cmemory_keep_freed_blocks(long bytes);

#endif
