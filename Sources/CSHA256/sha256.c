// SHA-256 (FIPS 180-4): the streaming part and the portable rounds. Written for animatic;
// the SHA-NI rounds are in sha256_x86.c (see NOTICE).
#include "CSHA256.h"
#include "sha256_internal.h"

#include <string.h>

const uint32_t animatic_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static uint32_t load_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

// FIPS 180-4, 6.2.2, on each 64-byte block of `data` (`blocks` of them).
static void portable_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    uint32_t w[64];
    for (; blocks > 0; blocks--, data += 64) {
        for (int i = 0; i < 16; i++) w[i] = load_be32(data + 4 * i);
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + animatic_sha256_k[i] + w[i];
            uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

static void run_blocks(animatic_sha256 *context, const uint8_t *data, size_t blocks) {
#if ANIMATIC_SHA256_X86
    if (context->hardware) {
        animatic_sha256_x86_blocks(context->state, data, blocks);
        return;
    }
#endif
    portable_blocks(context->state, data, blocks);
}

int animatic_sha256_hardware_available(void) {
#if ANIMATIC_SHA256_X86
    return animatic_sha256_x86_available();
#else
    return 0;
#endif
}

void animatic_sha256_init(animatic_sha256 *context, int allow_hardware) {
    static const uint32_t initial[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memcpy(context->state, initial, sizeof initial);
    context->length = 0;
    context->buffered = 0;
    context->hardware = allow_hardware && animatic_sha256_hardware_available();
}

void animatic_sha256_update(animatic_sha256 *context, const void *bytes, size_t count) {
    // An empty Swift buffer may come with a null base address: memcpy from it is undefined.
    if (count == 0) return;
    const uint8_t *data = bytes;
    context->length += count;
    if (context->buffered > 0) {
        size_t take = 64 - context->buffered;
        if (take > count) take = count;
        memcpy(context->buffer + context->buffered, data, take);
        context->buffered += take;
        data += take;
        count -= take;
        if (context->buffered < 64) return;
        run_blocks(context, context->buffer, 1);
        context->buffered = 0;
    }
    // Whole blocks straight from the caller's memory: no copy.
    if (count >= 64) {
        run_blocks(context, data, count / 64);
        data += count & ~(size_t)63;
        count &= 63;
    }
    memcpy(context->buffer, data, count);
    context->buffered = count;
}

void animatic_sha256_final(animatic_sha256 *context, uint8_t digest[32]) {
    // FIPS 180-4, 5.1.1: a 1 bit, zeros to 56 mod 64, the length in bits, big-endian.
    uint64_t bits = context->length * 8;
    uint8_t *buffer = context->buffer;
    size_t used = context->buffered;
    buffer[used++] = 0x80;
    if (used > 56) {
        memset(buffer + used, 0, 64 - used);
        run_blocks(context, buffer, 1);
        used = 0;
    }
    memset(buffer + used, 0, 56 - used);
    for (int i = 0; i < 8; i++) buffer[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    run_blocks(context, buffer, 1);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(context->state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(context->state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(context->state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)context->state[i];
    }
}

void animatic_sha256_hex(const uint8_t digest[32], char text[65]) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        text[2 * i] = digits[digest[i] >> 4];
        text[2 * i + 1] = digits[digest[i] & 15];
    }
    text[64] = 0;
}
