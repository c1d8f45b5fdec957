// SHA-256 block rounds with the x86-64 SHA extensions (SHA-NI). The instruction sequence is
// the one in Intel's "Intel SHA Extensions" paper (Gulley et al., 2013) as put in the public
// domain by Jeffrey Walton's sha256-x86.c (github.com/noloader/SHA-Intrinsics); see NOTICE.
#include "sha256_internal.h"

#if ANIMATIC_SHA256_X86
#include <cpuid.h>
#include <immintrin.h>

int animatic_sha256_x86_available(void) {
    // Checked once: CPUID leaf 1 (SSSE3, SSE4.1) and leaf 7 (SHA), which cannot change.
    static int available = -1;
    int known = __atomic_load_n(&available, __ATOMIC_RELAXED);
    if (known >= 0) return known;
    unsigned int eax, ebx, ecx, edx;
    int result = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_SSSE3) && (ecx & bit_SSE4_1)
        && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ebx & (1u << 29))) {
        result = 1;
    }
    __atomic_store_n(&available, result, __ATOMIC_RELAXED);
    return result;
}

// Four rounds (group G) on the message words in M: adds the round constants, runs the two
// double rounds, and advances the message schedule (sha256msg1/msg2) where FIPS 180-4's
// W[16..63] need it: msg2 completes the next group's words in groups 3–14, msg1 starts the
// group four ahead in groups 1–12.
#define ROUNDS(G, M, MNEXT, MPREV)                                                        \
    do {                                                                                  \
        __m128i msg = _mm_add_epi32(M, _mm_loadu_si128((const __m128i *)&animatic_sha256_k[4 * (G)])); \
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);                             \
        if ((G) >= 3 && (G) <= 14) {                                                      \
            MNEXT = _mm_add_epi32(MNEXT, _mm_alignr_epi8(M, MPREV, 4));                   \
            MNEXT = _mm_sha256msg2_epu32(MNEXT, M);                                       \
        }                                                                                 \
        msg = _mm_shuffle_epi32(msg, 0x0E);                                               \
        state0 = _mm_sha256rnds2_epu32(state0, state1, msg);                             \
        if ((G) >= 1 && (G) <= 12) MPREV = _mm_sha256msg1_epu32(MPREV, M);               \
    } while (0)

__attribute__((target("sha,sse4.1,ssse3")))
void animatic_sha256_x86_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    // The rounds work on (A, B, E, F) and (C, D, G, H).
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1); // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);      // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);           // CDGH

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i savedABEF = state0, savedCDGH = state1;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteSwap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteSwap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteSwap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteSwap);
        ROUNDS(0, m0, m1, m3);
        ROUNDS(1, m1, m2, m0);
        ROUNDS(2, m2, m3, m1);
        ROUNDS(3, m3, m0, m2);
        ROUNDS(4, m0, m1, m3);
        ROUNDS(5, m1, m2, m0);
        ROUNDS(6, m2, m3, m1);
        ROUNDS(7, m3, m0, m2);
        ROUNDS(8, m0, m1, m3);
        ROUNDS(9, m1, m2, m0);
        ROUNDS(10, m2, m3, m1);
        ROUNDS(11, m3, m0, m2);
        ROUNDS(12, m0, m1, m3);
        ROUNDS(13, m1, m2, m0);
        ROUNDS(14, m2, m3, m1);
        ROUNDS(15, m3, m0, m2);
        state0 = _mm_add_epi32(state0, savedABEF);
        state1 = _mm_add_epi32(state1, savedCDGH);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);                 // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);              // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);           // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);              // HGFE
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}
#endif
