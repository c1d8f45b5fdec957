/// The camera's height and tilt relative to the subject.
public enum CameraAngle: String, CaseIterable, Hashable, Sendable, Codable {
    case eyeLevel
    case high
    case low
    case birdsEye
    case aerial
    case dutch

    /// The English term used in prompts.
    public var english: String {
        switch self {
        case .eyeLevel: "eye level"
        case .high: "high angle"
        case .low: "low angle"
        case .birdsEye: "bird's-eye view"
        case .aerial: "aerial view"
        case .dutch: "Dutch angle"
        }
    }

    /// The Chinese term used in prompts.
    public var chinese: String {
        switch self {
        case .eyeLevel: "平视"
        case .high: "俯拍"
        case .low: "仰拍"
        case .birdsEye: "鸟瞰"
        case .aerial: "航拍"
        case .dutch: "倾斜"
        }
    }

    /// Words that name each angle, lowercased.
    static let spellings: [(CameraAngle, [String])] = [
        (.birdsEye, ["bird's-eye", "bird's eye", "birds eye", "birdseye", "overhead", "top down", "top-down", "鸟瞰", "顶拍"]),
        (.aerial, ["aerial", "drone", "航拍"]),
        (.dutch, ["dutch", "canted", "tilted frame", "倾斜"]),
        (.high, ["high angle", "high", "looking down", "俯拍", "俯视"]),
        (.low, ["low angle", "low", "looking up", "仰拍", "仰视"]),
        (.eyeLevel, ["eye level", "eye-level", "straight on", "平视"]),
    ]
}
