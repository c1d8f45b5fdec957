import Foundation

/// The one JSON form keys are hashed from and requests are sent in: sorted keys, slashes
/// unescaped, so equal values always give equal bytes.
enum CanonicalJSON {
    /// `value` as canonical JSON. The values given here are plain strings, numbers,
    /// booleans and enums, which always encode.
    static func data(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data()
    }
}
