// Zstandard (Debian: libzstd-dev), for compressing stored article text, and its dictionary
// builder (zdict.h). Its C API is not
// versioned, so Swift calls it directly through this module map.
#include <zstd.h>
// For ZDICT_trainFromBuffer_fastCover (exported by the shared library).
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
