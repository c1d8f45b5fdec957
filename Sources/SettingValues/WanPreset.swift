import Foundation

/// Wan2.2's `generate.py` tasks that the `command` backend has presets for.
public enum WanTask: String, Sendable, CaseIterable {
    /// Text-to-video, 14B mixture of experts: 1280*720, 720*1280, 832*480, 480*832 at 16 fps,
    /// trained on 81 frames.
    case t2vA14B = "t2v-A14B"
    /// Text-image-to-video, 5B: 1280*704, 704*1280 at 24 fps, trained on 121 frames.
    case ti2v5B = "ti2v-5B"

    /// The sizes the task makes.
    public var sizes: [FrameSize] {
        switch self {
        case .t2vA14B:
            [
                FrameSize(width: 1280, height: 720), FrameSize(width: 720, height: 1280),
                FrameSize(width: 832, height: 480), FrameSize(width: 480, height: 832),
            ]
        case .ti2v5B: [FrameSize(width: 1280, height: 704), FrameSize(width: 704, height: 1280)]
        }
    }

    /// The rate it makes, in frames per second.
    public var frameRate: Int { self == .t2vA14B ? 16 : 24 }

    /// The clip length it was trained on (81 or 121 frames); longer clips degrade.
    public var trainingFrames: Int { self == .t2vA14B ? 81 : 121 }

    /// The longest segment to plan: the training length, to the millisecond below
    /// (5,062 ms for A14B, 5,041 ms for 5B).
    public var longestClipMilliseconds: Int { (trainingFrames * 1000) / frameRate }
}
