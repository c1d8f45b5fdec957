import Foundation
import Media
import Planning

/// The backends' own clips, kept in the cache under what they were given (`raw/ab/….raw`),
/// apart from the clips conformed from them. A backend is paid per request, and a request
/// can stay the same while the clip cut from it changes: DashScope is asked for whole
/// seconds, the timeline cuts to frames. So the backend's clip is keyed by its request
/// (`rawKey`) and the conformed clip by that key and its frames (`conformedKey`): a shot
/// whose frames change within the same request is conformed again, never paid for again.
extension ClipCache {
    /// Bumped when the conformer makes different frames from the same backend clip.
    public static let conformVersion = 1

    /// The key of the backend's own clip for `request`: the SHA-256 (hex) of the backend's
    /// name and key material (`Generator.keyMaterial`) and the segment's driving sound, if
    /// any; not the house format, which only the conform step applies.
    /// - Throws: when the material cannot be encoded (`CanonicalJSON`).
    public static func rawKey(for request: GenerationRequest, generator: any Generator) throws -> ClipKey {
        let material = KeyMaterial(
            raw: true, keyVersion: keyVersion, backend: generator.name, encoder: nil,
            material: String(decoding: try generator.keyMaterial(for: request), as: UTF8.self),
            audio: request.drivingAudioKey)
        return ClipKey(SHA256.hex(try CanonicalJSON.data(material)))
    }

    /// The key of the clip conformed to `frames` frames of `format` from the backend clip `raw`.
    public static func conformedKey(raw: ClipKey, frames: Int, format: HouseFormat) -> ClipKey {
        ClipKey(SHA256.hex("conformed \(conformVersion)\n\(raw)\n\(frames)\n\(format.encoderSettings)".utf8))
    }

    /// Where the backend's clip under `rawKey` lives.
    public func rawURL(for rawKey: ClipKey) -> URL {
        directory.appendingPathComponent("raw", isDirectory: true)
            .appendingPathComponent(String(rawKey.rawValue.prefix(2)), isDirectory: true)
            .appendingPathComponent(rawKey.rawValue + ".raw")
    }

    /// Whether the backend's clip under `rawKey` is there, sealed, at its recorded size (a
    /// stat; the conformer reads its content and says when it is not a clip).
    public func hasRaw(_ rawKey: ClipKey) -> Bool {
        let file = rawURL(for: rawKey)
        guard let size = RegularFile.status(file.path)?.size, let recorded = Self.recordedDigest(of: file) else {
            return false
        }
        return recorded.size == size
    }

    /// Makes the directory for `rawKey`'s clip and removes whatever is there under the key.
    public func prepareRaw(_ rawKey: ClipKey) throws {
        let file = rawURL(for: rawKey)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        discard(file)
    }
}
