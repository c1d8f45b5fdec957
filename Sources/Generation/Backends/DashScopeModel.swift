import Foundation

/// A DashScope (Alibaba Cloud Model Studio) text-to-video model: how its requests are sized
/// (a list of `size`s, a `resolution` class, or a `resolution` class and a `ratio`), the
/// lengths it makes, the longest prompt it takes, and whether its sound can be switched off.
/// `table` lists the models animatic knows (docs/backends.md cites the documentation).
public struct DashScopeModel: Sendable, Hashable {
    /// How a model takes the frame size.
    public enum Sizing: Sendable, Hashable {
        /// `parameters.size`, `"1920*1080"`, one of these.
        case sizes([FrameSize])
        /// `parameters.resolution`, `"720P"`, one of these heights.
        case resolutions([Int])
        /// `parameters.resolution` (one of these heights) and `parameters.ratio` (one of
        /// these, `16:9`), as wan2.7 takes them instead of `size`.
        case resolutionAndRatio([Int], ratios: [String])
    }

    /// Whether the model makes sound, and whether that can be switched off. animatic mixes
    /// its own sound, so it asks for none where it can.
    public enum Sound: Sendable, Hashable {
        /// A silent model.
        case none
        /// Sound unless `parameters.audio` is false, which animatic sends.
        case switchable
        /// Sound that no documented parameter switches off (animatic drops it when conforming).
        case always
    }

    /// The model's name, `wan2.2-t2v-plus`.
    public var name: String
    /// How the frame size is given.
    public var sizing: Sizing
    /// The lengths it makes, in whole seconds.
    public var durations: ClosedRange<Int>
    /// The longest prompt it takes, in characters (longer ones are cut at a word).
    public var promptLimit: Int
    /// Its sound.
    public var sound: Sound
    /// The image-to-video model that makes this model's continuations from the previous
    /// segment's last frame (`input.img_url`); nil when continuations start afresh.
    public var continuation: Continuation?

    /// An image-to-video model paired with a text-to-video one: its name, how it takes the
    /// first frame, the resolution classes it takes (the aspect ratio follows the image), the
    /// lengths it makes, its prompt length and sound.
    public struct Continuation: Sendable, Hashable {
        /// How an image-to-video model takes its first frame.
        public enum FirstFrame: Sendable, Hashable {
            /// `input.img_url`: the image-to-video-from-first-frame protocol of wan2.6 and earlier.
            case imageURL
            /// `input.media`, `[{"type": "first_frame", "url": …}]`: wan2.7's image-to-video
            /// protocol (which also takes `last_frame`, `driving_audio` and `first_clip`).
            case media
        }

        /// The model's name, `wan2.6-i2v`.
        public var name: String
        /// How it takes the first frame.
        public var firstFrame: FirstFrame
        /// `parameters.resolution`, one of these heights.
        public var resolutions: [Int]
        /// The lengths it makes, in whole seconds, ascending.
        public var durations: [Int]
        /// The longest prompt it takes.
        public var promptLimit: Int
        /// Its sound.
        public var sound: Sound

        /// The length to ask for a segment of `seconds`: the shortest at least that long,
        /// else the longest.
        func duration(for seconds: Double) -> Int {
            durations.first { Double($0) >= seconds } ?? durations.last ?? Int(seconds.rounded(.up))
        }
    }

    /// A model as listed.
    public init(
        name: String, sizing: Sizing, durations: ClosedRange<Int>, promptLimit: Int = 800, sound: Sound = .none,
        continuation: Continuation? = nil
    ) {
        self.continuation = continuation
        self.name = name
        self.sizing = sizing
        self.durations = durations
        self.promptLimit = promptLimit
        self.sound = sound
    }

    /// `wan2.2-t2v-plus`: eight sizes from 832*480 to 1920*1080, always 5 s, silent.
    public static let wan22T2VPlus = DashScopeModel(
        name: "wan2.2-t2v-plus",
        sizing: .sizes([
            FrameSize(width: 832, height: 480), FrameSize(width: 480, height: 832), FrameSize(width: 624, height: 624),
            FrameSize(width: 1920, height: 1080), FrameSize(width: 1080, height: 1920),
            FrameSize(width: 1440, height: 1440), FrameSize(width: 1632, height: 1248),
            FrameSize(width: 1248, height: 1632),
        ]),
        durations: 5...5)

    /// `wan2.5-t2v-preview`: 480P, 720P or 1080P, 2–15 s, with generated sound; continuations
    /// by `wan2.5-i2v-preview` (`input.img_url`; 480P, 720P or 1080P; 5 or 10 s).
    public static let wan25T2VPreview = DashScopeModel(
        name: "wan2.5-t2v-preview", sizing: .resolutions([480, 720, 1080]), durations: 2...15, sound: .always,
        continuation: Continuation(
            name: "wan2.5-i2v-preview", firstFrame: .imageURL, resolutions: [480, 720, 1080], durations: [5, 10],
            promptLimit: 800, sound: .always))

    /// The ten sizes of wan2.6's 720P and 1080P classes (16:9, 9:16, 1:1, 4:3, 3:4).
    static let sizes26 = [
        (1280, 720), (720, 1280), (960, 960), (1088, 832), (832, 1088),
        (1920, 1080), (1080, 1920), (1440, 1440), (1632, 1248), (1248, 1632),
    ].map { FrameSize(width: $0.0, height: $0.1) }

    /// `wan2.6-t2v`: ten sizes at 720P and 1080P, 2–15 s, prompts of 1,500 characters,
    /// sound unless `audio` is false; continuations by `wan2.6-i2v` from the previous
    /// segment's last frame (720P or 1080P).
    public static let wan26T2V = DashScopeModel(
        name: "wan2.6-t2v", sizing: .sizes(sizes26), durations: 2...15, promptLimit: 1500, sound: .switchable,
        continuation: Continuation(
            name: "wan2.6-i2v", firstFrame: .imageURL, resolutions: [720, 1080], durations: Array(2...15), promptLimit: 1500,
            sound: .switchable))

    /// `wan2.7-t2v`: `resolution` 720P or 1080P with a `ratio`, no `size`; 2–15 s; prompts
    /// of 5,000 characters; generated sound; continuations by `wan2.7-i2v`, its first frame
    /// as `input.media`'s `first_frame` (720P or 1080P, 2–15 s).
    public static let wan27T2V = DashScopeModel(
        name: "wan2.7-t2v", sizing: .resolutionAndRatio([720, 1080], ratios: ["16:9", "9:16", "1:1", "4:3", "3:4"]),
        durations: 2...15, promptLimit: 5000, sound: .always,
        continuation: Continuation(
            name: "wan2.7-i2v", firstFrame: .media, resolutions: [720, 1080], durations: Array(2...15), promptLimit: 5000,
            sound: .always))

    /// The models `--dashscope-model` names.
    public static let table = [wan22T2VPlus, wan25T2VPreview, wan26T2V, wan27T2V]

    /// A model with a resolution class, `name` (for tests and models not in the table).
    public static func resolutionClass(_ name: String) -> DashScopeModel {
        DashScopeModel(name: name, sizing: .resolutions([480, 720, 1080]), durations: 2...15)
    }

    /// The model in `table` called `name`, or nil.
    public static func named(_ name: String) -> DashScopeModel? {
        table.first { $0.name == name }
    }

    /// The longest segment to plan: the longest clip the model (and its continuation model)
    /// makes, at most 10 s.
    public var longestSegmentMilliseconds: Int {
        min(10, durations.upperBound, continuation?.durations.last ?? .max) * 1000
    }

    /// The size parameters for a clip of `size`: `["size": "1920*1080"]`, `["resolution": "720P"]`
    /// or `["resolution": "720P", "ratio": "16:9"]`.
    func sizeParameters(for size: FrameSize) -> [(key: String, value: String)] {
        switch sizing {
        case let .sizes(sizes):
            let chosen = size.closest(in: sizes)
            return [("size", "\(chosen.width)*\(chosen.height)")]
        case let .resolutions(heights):
            return [("resolution", Self.resolution(for: size, among: heights))]
        case let .resolutionAndRatio(heights, ratios):
            return [("resolution", Self.resolution(for: size, among: heights)), ("ratio", Self.ratio(for: size, among: ratios))]
        }
    }

    /// The resolution class (`720P`): the smallest height at least the size's short side, else the largest.
    static func resolution(for size: FrameSize, among heights: [Int]) -> String {
        let short = min(size.width, size.height)
        return "\(heights.sorted().first { $0 >= short } ?? heights.max() ?? short)P"
    }

    /// The ratio (`16:9`) nearest the size's shape.
    private static func ratio(for size: FrameSize, among ratios: [String]) -> String {
        let aspect = Double(size.width) / Double(size.height)
        func distance(_ ratio: String) -> Double {
            let parts = ratio.split(separator: ":").compactMap { Double($0) }
            guard parts.count == 2, parts[1] > 0 else { return .infinity }
            return abs(log(parts[0] / parts[1] / aspect))
        }
        return ratios.min { distance($0) < distance($1) } ?? "16:9"
    }

    /// The resolution class a request of `size` is billed at (`480P`, `720P`, `1080P`).
    func billingClass(for size: FrameSize) -> String {
        let parameters = sizeParameters(for: size)
        if let resolution = parameters.first(where: { $0.key == "resolution" }) { return resolution.value }
        // Listed sizes fall in classes by area: 832*480, 624*624 (480P); 1280*720… (720P); 1920*1080, 1440*1440… (1080P).
        let area = parameters.first?.value.split(separator: "*").compactMap { Int($0) }.reduce(1, *) ?? 0
        return area <= 440_000 ? "480P" : area <= 1_100_000 ? "720P" : "1080P"
    }

    /// The length to ask for a segment of `seconds`: rounded up, within `durations`.
    func duration(for seconds: Double) -> Int {
        min(durations.upperBound, max(durations.lowerBound, Int(seconds.rounded(.up))))
    }
}
