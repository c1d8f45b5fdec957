// Values and functions FFmpeg defines as macros (or variadic functions), which Swift
// cannot import: each one is funnelled through an `extern const` or a plain C function.
#ifndef CFFMPEG_SHIMS_H
#define CFFMPEG_SHIMS_H

#include <stddef.h>
#include <stdint.h>

/// `AVERROR(EAGAIN)`: the codec or filter needs more input (or its output must be read first).
extern const int CFFmpegErrorAgain;
/// `AVERROR_EOF`: end of file or of stream.
extern const int CFFmpegErrorEOF;
/// `AVERROR(ENOMEM)`: an allocation failed.
extern const int CFFmpegErrorNoMemory;
/// `AVERROR_ENCODER_NOT_FOUND`.
extern const int CFFmpegErrorEncoderNotFound;
/// `AVERROR_DECODER_NOT_FOUND`.
extern const int CFFmpegErrorDecoderNotFound;
/// `AVERROR_STREAM_NOT_FOUND`.
extern const int CFFmpegErrorStreamNotFound;
/// `AV_NOPTS_VALUE`: a timestamp that is not set.
extern const int64_t CFFmpegNoPTSValue;

/// Installs (once per process) the log callback that keeps FFmpeg quiet by default and
/// records the calling thread's error messages, then clears this thread's record.
void cffmpeg_log_begin(void);
/// Messages at or above `level` (an `AV_LOG_*` value) are also printed to standard error.
/// `AV_LOG_QUIET` (the default) prints nothing.
void cffmpeg_log_set_print_level(int level);
/// Copies the error messages recorded on this thread since `cffmpeg_log_begin` into
/// `buffer` (NUL-terminated, truncated to `size`) and clears the record. Returns the
/// number of bytes copied, without the NUL.
size_t cffmpeg_log_take_errors(char *buffer, size_t size);

/// Makes `destination` share `source`'s data blocks (a reflink, `FICLONE`) where the file
/// system can; returns 0 on success, else -1 with `errno` set (`ioctl` is variadic, so
/// Swift cannot call it).
int cffmpeg_file_clone(int destination, int source);
/// Copies up to `length` bytes from `source`'s offset to `destination`'s inside the kernel
/// (`copy_file_range`, which needs `_GNU_SOURCE`); returns the bytes copied, 0 at the end
/// of `source`, or -1 with `errno` set (`ENOSYS` where there is no such call).
long cffmpeg_copy_file_range(int source, int destination, size_t length);

/// Fixes the C library's mmap threshold at `bytes` (`mallopt(M_MMAP_THRESHOLD)`, a macro
/// of glibc's malloc.h, which Swift's Glibc module does not import): every allocation at
/// least that large is mapped on its own and unmapped when freed. Returns 1 on success, 0
/// where the C library has no such setting.
int cffmpeg_fix_mmap_threshold(size_t bytes);

#endif
