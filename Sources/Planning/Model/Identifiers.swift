/// A name for one kind of thing (a shot, a segment, a cache entry) with its own type, so that
/// one kind is never taken for another; written, and in JSON encoded, as a plain string.
///
/// As a dictionary key it is `CodingKeyRepresentable`, so a typed map encodes as the same JSON
/// object a `[String: …]` map does.
public protocol StringIdentifier: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, CodingKeyRepresentable where StringLiteralType == String
{
    /// The name as written.
    var rawValue: String { get }
    init(_ rawValue: String)
}

extension StringIdentifier {
    public init(stringLiteral value: String) { self.init(value) }
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public var codingKey: any CodingKey { IdentifierKey(stringValue: rawValue) }
    public init?<Key: CodingKey>(codingKey: Key) { self.init(codingKey.stringValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The coding key of an identifier used as a dictionary key: its name.
private struct IdentifierKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A shot's identity: scene number plus shot letter (`12A`, `12A.B`).
public struct ShotID: StringIdentifier {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The ID of the shot's `index`th segment (1-based) in take 1: `12A-1`.
    public func segment(_ index: Int) -> SegmentID { SegmentID("\(rawValue)-\(index)") }
}

/// A segment's identity: its shot's ID and a 1-based index (`12A-1`), and for a take beyond
/// the first its number (`12A-1.take2`). Also the name of its media file.
public struct SegmentID: StringIdentifier {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
