/// Which way a camera move goes: a crane or tilt up or down, a pan or truck left or right,
/// a zoom in or out. A move without one (`pan`) is written without one.
public enum MoveDirection: String, CaseIterable, Hashable, Sendable, Codable {
    case up, down, left, right, `in`, out

    /// Words that name each direction after a move, lowercased: `crane down`, `向左摇`, `拉远`.
    static let spellings: [(MoveDirection, [String])] = [
        (.up, ["up", "upward", "上", "升"]),
        (.down, ["down", "downward", "下", "降"]),
        (.left, ["left", "左"]),
        (.right, ["right", "右"]),
        (.in, ["in", "近"]),
        (.out, ["out", "远"]),
    ]

    /// The directions each move can take; others are not read (a push in is already in).
    static func allowed(for move: CameraMove) -> [MoveDirection] {
        switch move {
        case .crane, .tilt: [.up, .down]
        case .pan, .truck: [.left, .right]
        case .zoom: [.in, .out]
        default: []
        }
    }
}
