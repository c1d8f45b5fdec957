// zlib, which FFmpeg's PNG codec already links: the contact sheet's pages are deflated in
// bands of their own (Media's PNGBand), which FFmpeg's encoder cannot do.
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

#include <zlib.h>

#endif
