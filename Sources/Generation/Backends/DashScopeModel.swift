/// A DashScope (Alibaba Cloud Model Studio) text-to-video model and how its requests are
/// sized: a fixed list of sizes and a fixed length (wan2.2), or a resolution class and a
/// length in whole seconds within a range (wan2.5 and later).
public struct DashScopeModel: Sendable, Hashable {
    /// How a model takes the frame size.
    public enum Sizing: Sendable, Hashable {
        /// `parameters.size`, `"1920*1080"`, one of these.
        case sizes([FrameSize])
        /// `parameters.resolution`, `"720P"`, one of these heights.
        case resolutions([Int])
    }

    /// The model's name, `wan2.2-t2v-plus`.
    public var name: String
    /// How the frame size is given.
    public var sizing: Sizing
    /// The lengths it makes, in whole seconds.
    public var durations: ClosedRange<Int>

    /// A model as listed.
    public init(name: String, sizing: Sizing, durations: ClosedRange<Int>) {
        self.name = name
        self.sizing = sizing
        self.durations = durations
    }

    /// `wan2.2-t2v-plus`: eight sizes from 832*480 to 1920*1080, always 5 s.
    public static let wan22T2VPlus = DashScopeModel(
        name: "wan2.2-t2v-plus",
        sizing: .sizes([
            FrameSize(width: 832, height: 480), FrameSize(width: 480, height: 832), FrameSize(width: 624, height: 624),
            FrameSize(width: 1920, height: 1080), FrameSize(width: 1080, height: 1920),
            FrameSize(width: 1440, height: 1440), FrameSize(width: 1632, height: 1248),
            FrameSize(width: 1248, height: 1632),
        ]),
        durations: 5...5)

    /// A wan2.5-or-later model `name` (`wan2.5-t2v-preview`): 480P, 720P or 1080P, 2–15 s.
    public static func resolutionClass(_ name: String) -> DashScopeModel {
        DashScopeModel(name: name, sizing: .resolutions([480, 720, 1080]), durations: 2...15)
    }

    /// The model called `name`: the wan2.2 table for `wan2.2-t2v-plus`, else a model that
    /// takes a resolution class.
    public static func named(_ name: String) -> DashScopeModel {
        name == wan22T2VPlus.name ? wan22T2VPlus : resolutionClass(name)
    }

    /// The size parameter for a clip of `size`: `("size", "1920*1080")` or `("resolution", "720P")`.
    func sizeParameter(for size: FrameSize) -> (key: String, value: String) {
        switch sizing {
        case let .sizes(sizes):
            let chosen = size.closest(in: sizes)
            return ("size", "\(chosen.width)*\(chosen.height)")
        case let .resolutions(heights):
            let short = min(size.width, size.height)
            let chosen = heights.sorted().first { $0 >= short } ?? heights.max() ?? short
            return ("resolution", "\(chosen)P")
        }
    }

    /// The length to ask for a segment of `seconds`: rounded up, within `durations`.
    func duration(for seconds: Double) -> Int {
        min(durations.upperBound, max(durations.lowerBound, Int(seconds.rounded(.up))))
    }
}
