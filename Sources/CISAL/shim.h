// Intel ISA-L (Debian: libisal-dev), for its CRC32: crc32_gzip_refl is the reflected IEEE
// CRC32 of zlib and gzip, with the fastest code the processor allows (carry-less multiply on
// x86-64 and AArch64), chosen at run time.
#include <isa-l/crc.h>
