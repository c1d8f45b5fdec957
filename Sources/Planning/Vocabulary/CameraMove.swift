/// What the camera does during a shot.
public enum CameraMove: String, CaseIterable, Hashable, Sendable, Codable {
    case `static`
    case pushIn
    case pullOut
    case pan
    case tilt
    case truck
    case follow
    case crane
    case dollyTrack
    case handheld
    case zoom

    /// The English term used in prompts.
    public var english: String {
        switch self {
        case .static: "static camera"
        case .pushIn: "slow push in"
        case .pullOut: "pull out"
        case .pan: "slow pan"
        case .tilt: "tilt"
        case .truck: "trucking shot"
        case .follow: "tracking shot following the subject"
        case .crane: "crane shot"
        case .dollyTrack: "dolly track"
        case .handheld: "handheld camera"
        case .zoom: "zoom"
        }
    }

    /// The English term with the way the move goes, as cut lists print it: `crane down`,
    /// `slow pan left`, `zoom in`; without a direction, `english`.
    public func english(_ direction: MoveDirection?) -> String {
        guard let way = direction?.rawValue else { return english }
        return switch self {
        case .pan: "slow pan \(way)"
        case .truck: "truck \(way)"
        default: "\(shortName) \(way)"
        }
    }

    /// The Chinese vocabulary term (GENERATORS.md): `推`, `拉`, `摇`, …
    public var chinese: String {
        switch self {
        case .static: "固定镜头"
        case .pushIn: "推"
        case .pullOut: "拉"
        case .pan: "摇"
        case .tilt: "摇(上下)"
        case .truck: "移"
        case .follow: "跟"
        case .crane: "升降"
        case .dollyTrack: "推轨"
        case .handheld: "手持"
        case .zoom: "变焦"
        }
    }

    /// The Chinese phrase used in prompts, e.g. `推镜头`.
    public var chinesePhrase: String {
        switch self {
        case .static: "固定镜头"
        case .pushIn: "缓慢推镜头"
        case .pullOut: "拉镜头"
        case .pan: "摇镜头"
        case .tilt: "上下摇镜头"
        case .truck: "移镜头"
        case .follow: "跟镜头"
        case .crane: "升降镜头"
        case .dollyTrack: "推轨镜头"
        case .handheld: "手持镜头"
        case .zoom: "变焦镜头"
        }
    }

    /// Names of each move in annotations, lowercased.
    static let spellings: [(CameraMove, [String])] = [
        (.pushIn, ["push in", "push-in", "dolly in", "move in", "track in", "creep in", "推近", "推镜头", "推"]),
        (.pullOut, ["pull out", "pull back", "pull-out", "dolly out", "dolly back", "track out", "拉远", "拉镜头", "拉"]),
        (.dollyTrack, ["dolly track", "dolly", "推轨"]),
        (.tilt, ["tilt up", "tilt down", "tilt", "摇(上下)", "上下摇", "摇（上下）"]),
        (.pan, ["whip pan", "pan left", "pan right", "pan", "摇镜头", "摇"]),
        (.truck, ["truck left", "truck right", "truck", "crab", "移镜头", "移"]),
        (.follow, ["follow", "tracking", "track", "steadicam", "跟拍", "跟镜头", "跟"]),
        (.crane, ["crane up", "crane down", "crane", "jib", "boom", "升降镜头", "升降"]),
        (.handheld, ["handheld", "hand-held", "shaky", "手持"]),
        (.zoom, ["zoom in", "zoom out", "zoom", "变焦"]),
        (.static, ["static", "locked off", "locked-off", "fixed", "still", "固定镜头", "固定"]),
    ]

    /// Phrases in action text that say what the camera does: "we push in", "the camera
    /// tracks", "镜头推近". Lowercased; matched as substrings.
    static let actionCues: [(CameraMove, [String])] = [
        (.pushIn, ["we push in", "push in on", "we move in", "camera pushes", "we dolly in", "we creep in",
                   "camera moves in", "镜头推近", "镜头推向", "推近"]),
        (.pullOut, ["we pull back", "we pull out", "pull back to reveal", "camera pulls", "we dolly out",
                    "镜头拉远", "镜头拉开", "拉远"]),
        (.pan, ["we pan", "camera pans", "pan to", "pan across", "镜头摇向", "镜头摇过", "摇向"]),
        (.tilt, ["we tilt", "camera tilts", "tilt up", "tilt down", "镜头上摇", "镜头下摇"]),
        (.follow, ["we follow", "camera follows", "camera tracks", "we track", "tracking with", "跟拍", "镜头跟随", "镜头跟着"]),
        (.crane, ["we crane", "camera cranes", "crane up", "crane down", "we rise above", "镜头升起", "镜头升高", "镜头降下"]),
        (.truck, ["we truck", "camera trucks", "镜头横移"]),
        (.handheld, ["handheld", "hand-held", "手持"]),
        (.zoom, ["we zoom", "camera zooms", "zoom in on", "镜头变焦"]),
    ]
}
