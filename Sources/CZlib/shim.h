#ifndef ASIC_CZLIB_SHIM_H
#define ASIC_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2/deflateInit2 are macros that pass ZLIB_VERSION and sizeof(z_stream). */
static inline int czlib_inflateInit2(z_stream *s, int windowBits) { return inflateInit2(s, windowBits); }
static inline int czlib_deflateInit2(z_stream *s, int level, int windowBits) {
    return deflateInit2(s, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}

#endif
