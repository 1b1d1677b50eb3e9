// Zstandard (Debian: libzstd-dev), for compressing stored article text. Its C API is not
// versioned, so Swift calls it directly through this module map.
#include <zstd.h>
