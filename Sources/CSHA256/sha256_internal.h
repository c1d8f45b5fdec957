#ifndef ANIMATIC_SHA256_INTERNAL_H
#define ANIMATIC_SHA256_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

// The SHA-NI path is built on x86-64 with GCC or Clang only (their target attributes and
// <cpuid.h>); ARMv8's SHA2 instructions are not used: no machine here to test them on.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ANIMATIC_SHA256_X86 1
int animatic_sha256_x86_available(void);
void animatic_sha256_x86_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);
#else
#define ANIMATIC_SHA256_X86 0
#endif

extern const uint32_t animatic_sha256_k[64];

#endif
