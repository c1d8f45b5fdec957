// eSpeak NG's public C API (speak_lib.h, API revision 12), from pkg-config's include path.
#ifndef CESPEAKNG_SHIM_H
#define CESPEAKNG_SHIM_H

#include <espeak-ng/speak_lib.h>

#endif
