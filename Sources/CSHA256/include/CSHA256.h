#ifndef ANIMATIC_CSHA256_H
#define ANIMATIC_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256 (FIPS 180-4) over a stream of bytes: the x86-64 SHA extensions (SHA-NI) when the
/// CPU has them, checked once by CPUID, else portable C. Both give the same digest; a test
/// forces the portable path with `allow_hardware` 0.
typedef struct {
    uint32_t state[8];
    uint64_t length;      // bytes hashed so far
    uint8_t buffer[64];   // a partial block
    size_t buffered;
    int hardware;         // 1: SHA-NI rounds, 0: portable C
} animatic_sha256;

/// Starts a digest; `allow_hardware` 0 forces the portable code.
void animatic_sha256_init(animatic_sha256 *context, int allow_hardware);
/// Adds `count` bytes.
void animatic_sha256_update(animatic_sha256 *context, const void *bytes, size_t count);
/// Pads, and writes the 32-byte digest.
void animatic_sha256_final(animatic_sha256 *context, uint8_t digest[32]);
/// Whether this CPU runs the SHA-NI path (1) or only the portable one (0).
int animatic_sha256_hardware_available(void);
/// The 64 lowercase hexadecimal digits of `digest`, and a NUL, into `text`.
void animatic_sha256_hex(const uint8_t digest[32], char text[65]);

#endif
