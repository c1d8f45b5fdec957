/// The ranges the numeric settings must fall in, whether set by a flag or a project file.
public enum SettingLimits {
    /// `--jobs`, `jobs`.
    public static let jobs = 1...64
    /// `--workers`, `backend.worker.workers`.
    public static let workers = 1...64
    /// `--seed`, `seed`.
    public static let seed = 0...2_147_483_647
    /// `--max-segment`, `max_segment`, in seconds.
    public static let maxSegment = 2.0...600.0
    /// `--min-shot`, `min_shot`, in seconds.
    public static let minimumShot = 0.1...60.0
    /// `backend.patience`: how long throttling is waited out, in seconds (a day at most).
    public static let patience = 0.0...86_400.0
    /// `backend.max_download`: the largest download, in bytes (1 KiB to 1 TiB).
    public static let maxDownload = 1024...(1 << 40)
    /// `--dialogue-wpm`, `dialogue_wpm`.
    public static let dialogueWordsPerMinute = 60...600
    /// `--takes`, `takes` (as the annotation).
    public static let takes = 1...100
    /// `--chinese-cpm`, `chinese_cpm`.
    public static let chineseCharactersPerMinute = 60...900
    /// `--qc-retakes`, `qc.retakes`.
    public static let qcRetakes = 0...10
}
