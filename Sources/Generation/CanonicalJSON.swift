import Foundation

/// The one JSON form keys are hashed from and requests are sent in: sorted keys, slashes
/// unescaped, so equal values always give equal bytes.
enum CanonicalJSON {
    /// `value` as canonical JSON.
    /// - Throws: `EncodingError` when `value` does not encode (a non-finite number): never
    ///   empty data, which would give every such value the same key.
    static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
