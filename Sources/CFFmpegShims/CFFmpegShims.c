#define _GNU_SOURCE
#include "CFFmpegShims.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/fs.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/log.h>

const int CFFmpegErrorAgain = AVERROR(EAGAIN);
const int CFFmpegErrorEOF = AVERROR_EOF;
const int CFFmpegErrorNoMemory = AVERROR(ENOMEM);
const int CFFmpegErrorEncoderNotFound = AVERROR_ENCODER_NOT_FOUND;
const int CFFmpegErrorDecoderNotFound = AVERROR_DECODER_NOT_FOUND;
const int CFFmpegErrorStreamNotFound = AVERROR_STREAM_NOT_FOUND;
const int64_t CFFmpegNoPTSValue = AV_NOPTS_VALUE;

enum { capture_capacity = 2048 };

static atomic_int print_level = AV_LOG_QUIET;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static _Thread_local char captured[capture_capacity];
static _Thread_local size_t captured_length;

static void capture_line(const char *line) {
    size_t length = strlen(line);
    if (length >= capture_capacity) {
        line += length - (capture_capacity - 1);
        length = capture_capacity - 1;
    }
    if (captured_length + length >= capture_capacity) {
        // Keep the most recent messages: drop the oldest bytes.
        size_t drop = captured_length + length - (capture_capacity - 1);
        memmove(captured, captured + drop, captured_length - drop);
        captured_length -= drop;
    }
    memcpy(captured + captured_length, line, length);
    captured_length += length;
    captured[captured_length] = '\0';
}

static void log_callback(void *context, int level, const char *format, va_list arguments) {
    int printing = atomic_load_explicit(&print_level, memory_order_relaxed);
    if (level > AV_LOG_ERROR && level > printing) {
        return;
    }
    char line[1024];
    int print_prefix = 1;
    va_list copy;
    va_copy(copy, arguments);
    av_log_format_line2(context, level, format, copy, line, sizeof line, &print_prefix);
    va_end(copy);
    if (level <= AV_LOG_ERROR) {
        capture_line(line);
    }
    if (level <= printing) {
        fputs(line, stderr);
    }
}

static void install(void) {
    av_log_set_callback(log_callback);
}

void cffmpeg_log_begin(void) {
    pthread_once(&install_once, install);
    captured_length = 0;
    captured[0] = '\0';
}

void cffmpeg_log_set_print_level(int level) {
    pthread_once(&install_once, install);
    atomic_store_explicit(&print_level, level, memory_order_relaxed);
}

size_t cffmpeg_log_take_errors(char *buffer, size_t size) {
    if (size == 0) {
        return 0;
    }
    size_t length = captured_length < size - 1 ? captured_length : size - 1;
    memcpy(buffer, captured + (captured_length - length), length);
    buffer[length] = '\0';
    captured_length = 0;
    captured[0] = '\0';
    return length;
}

int cffmpeg_file_clone(int destination, int source) {
#if defined(__linux__) && defined(FICLONE)
    return ioctl(destination, FICLONE, source);
#else
    (void)destination;
    (void)source;
    errno = ENOTSUP;
    return -1;
#endif
}

long cffmpeg_copy_file_range(int source, int destination, size_t length) {
#if defined(__linux__)
    return (long)copy_file_range(source, NULL, destination, NULL, length, 0);
#else
    (void)source;
    (void)destination;
    (void)length;
    errno = ENOSYS;
    return -1;
#endif
}

int cffmpeg_fix_mmap_threshold(size_t bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, (int)bytes);
#else
    (void)bytes;
    return 0;
#endif
}
