/// A frame size in pixels.
public struct FrameSize: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// A `width`×`height` size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Reads `1280x720`; nil unless both numbers are positive and even.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0,
            width % 2 == 0, height % 2 == 0
        else { return nil }
        self.init(width: width, height: height)
    }

    /// `1280x720`.
    public var description: String { "\(width)x\(height)" }
}
