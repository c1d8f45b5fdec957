import CFFmpegShims

/// How a process doing media work gets its large buffers back to the system.
///
/// glibc's malloc maps a block of 128 KiB or more on its own, but raises that threshold to
/// the size of every such block freed (up to 32 MiB), so that after the first encoder is
/// closed, later encoders' and frames' buffers come from malloc's arenas instead. A build
/// opens and closes two x264 encoders a segment, each on a thread of its own (so in arenas
/// of their own), and an arena keeps what is freed below its last live block: Big Fish's
/// build held some 60–110 MB of freed buffers that way (x264's largest ones on huge pages,
/// which it asks for), more than its two live encoders (bench/README.md, "Session 4: peak
/// with audio").
public enum LargeBuffers {
    /// The threshold kept: glibc's own starting value.
    public static let mappedFrom = 128 * 1024

    /// Keeps the threshold at `mappedFrom`, so that every large buffer is unmapped when it is
    /// freed. A process-wide setting, for a program's start (`animatic-media`); nothing
    /// where the C library has no such setting.
    public static func returnToTheSystemWhenFreed() {
        _ = cffmpeg_fix_mmap_threshold(mappedFrom)
    }
}
