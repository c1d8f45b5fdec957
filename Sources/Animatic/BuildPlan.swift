import Foundation
import Generation
import Planning

/// What a build will do for each segment, decided before any work starts (the way a
/// compiler driver plans its jobs): reuse the cached clip, or generate it and why.
public struct BuildPlan: Sendable {
    /// One segment of the timeline.
    public struct Item: Sendable {
        /// The segment's ID (`12A-2`).
        public var segmentID: SegmentID
        /// The segment's first frame on the timeline.
        public var startFrame: Int
        /// The segment's cache key: its clip in the house format.
        public var key: ClipKey
        /// For a backend whose files are conformed: the key of its own clip (`ClipCache.rawKey`,
        /// what it is paid for), from which the clip under `key` is conformed; nil for a
        /// backend that writes the house format.
        public var rawKey: ClipKey?
        /// Whether the cache holds the backend's clip under `rawKey`, so making the clip
        /// is conforming it again, with no request. Looked up only for a clip to make: a
        /// reused one needs no backend clip, and a no-op build then reads no raw entry.
        public var rawCached = false
        /// What to do with it.
        public var action: Action
        /// The request a generator gets for it.
        public var request: GenerationRequest
        /// For a backend that starts a clip from an image: the cache key of the segment this
        /// one continues (the same shot's previous segment), whose last frame it starts from.
        public var continues: ClipKey?

        /// The segment's length in frames.
        public var frames: Int { request.content.frames }
    }

    /// Reuse or generate.
    public enum Action: Sendable, Hashable {
        /// The cache holds a valid clip for the key.
        case reuse
        /// The clip must be made, for this reason.
        case generate(Reason)
    }

    /// Why a segment is generated.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The previous build had no segment with this ID (or there was no previous build).
        case new
        /// The previous build had this segment with another key.
        case contentChanged
        /// The previous build made this key, but its clip is no longer in the cache.
        case entryMissing
        /// The cache holds an entry for the key that cannot be trusted.
        case entryCorrupt(String)
        /// The previous build tried this key and failed (a failure card may have stood in).
        case failedBefore
        /// The previous build stopped at another segment's failure before starting this one.
        case notStartedBefore
        /// The previous build wrote this output, and it is gone.
        case outputMissing

        /// `new`, `content changed`, `cache entry missing`, `cache entry corrupt: …`,
        /// `failed in the previous build`, `not started in the previous build`, `output missing`.
        public var description: String {
            switch self {
            case .new: "new"
            case .contentChanged: "content changed"
            case .entryMissing: "cache entry missing"
            case let .entryCorrupt(why): "cache entry corrupt: \(why)"
            case .failedBefore: "failed in the previous build"
            case .notStartedBefore: "not started in the previous build"
            case .outputMissing: "output missing"
            }
        }

        /// The reason as a word for programs (docs/build-plan-json.md): `new`,
        /// `content-changed`, `cache-entry-missing`, `cache-entry-corrupt`, `failed-before`,
        /// `not-started-before`, `output-missing`.
        public var code: String {
            switch self {
            case .new: "new"
            case .contentChanged: "content-changed"
            case .entryMissing: "cache-entry-missing"
            case .entryCorrupt: "cache-entry-corrupt"
            case .failedBefore: "failed-before"
            case .notStartedBefore: "not-started-before"
            case .outputMissing: "output-missing"
            }
        }
    }

    /// Every segment on the timeline (each shot's picked take), in timeline order.
    public var items: [Item]
    /// The segments of the takes not on the timeline, take by take in plan order; their
    /// start frames are those of their shot's segments.
    public var takeItems: [Item] = []

    /// The items to generate, the timeline's first.
    public var toGenerate: [Item] {
        (items + takeItems).filter { $0.action != .reuse }
    }

    /// Decides, for every segment of `plan`, whether `cache` holds its clip; `audioKey` gives
    /// the key of a segment's sound (from its first frame and length) for a backend driven by
    /// audio; `previous` (the
    /// last build's report, if any) tells a new segment from a changed one.
    /// - Throws: `AnimaticError` `.internalFailure` when a request's key material cannot be encoded.
    public static func make(
        plan: Plan, settings: BuildSettings, generator: any Generator, cache: ClipCache, previous: BuildReport?,
        audioKey: (_ startFrame: Int, _ frames: Int) -> String? = { _, _ in nil }
    ) throws(AnimaticError) -> BuildPlan {
        let format = settings.format
        let previousSegments = Dictionary(
            ((previous?.segments ?? []) + (previous?.takes ?? [])).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var start = 0
        var previousKey: ClipKey?
                let direct = generator.capabilities.writesHouseFormat
        func item(_ request: GenerationRequest, start: Int) throws(AnimaticError) -> Item {
            var request = request
            // A backend driven by audio makes a clip from the segment's sound: its key too
            // (a take's sound is its shot's: it sits at the same frames).
            if generator.capabilities.drivingAudio { request.drivingAudioKey = audioKey(start, request.content.frames) }
            // A continuation made from its predecessor's last frame depends on that clip:
            // its key does too, so a changed predecessor remakes it.
            let continues = request.shotStartFrame > 0 && generator.startsFromImage(request) ? previousKey : nil
            // The key of what the backend makes: the clip itself when it writes the house
            // format, else its own clip, which is conformed to the segment's frames.
            let ownKey: ClipKey
            do {
                ownKey = direct
                    ? try ClipCache.key(for: request, generator: generator)
                    : try ClipCache.rawKey(for: request, generator: generator)
            } catch {
                throw AnimaticError(.internalFailure, "cannot encode the request of \(request.segmentID) for its key: \(error)")
            }
            let made = continues.map { ClipKey(SHA256.hex("\(ownKey)\ncontinues \($0)".utf8)) } ?? ownKey
            let rawKey = direct ? nil : made
            let key = rawKey.map { ClipCache.conformedKey(raw: $0, frames: request.content.frames, format: format) } ?? made
            previousKey = key
            let action: Action
            switch cache.state(of: key, frames: request.content.frames, format: format) {
            case .valid:
                action = .reuse
            case let .corrupt(why):
                action = .generate(.entryCorrupt(why))
            case .missing:
                switch previousSegments[request.segmentID] {
                case nil: action = .generate(.new)
                case let segment? where segment.key != key: action = .generate(.contentChanged)
                case let segment?:
                    action = switch segment.status {
                    case .failed: .generate(.failedBefore)
                    case .skipped: .generate(.notStartedBefore)
                    case .generated, .reused: .generate(.entryMissing)
                    }
                }
            }
            return Item(
                segmentID: request.segmentID, startFrame: start, key: key, rawKey: rawKey,
                rawCached: action != .reuse && rawKey.map(cache.hasRaw) == true, action: action, request: request,
                continues: continues)
        }
        let items = try GenerationRequest.all(in: plan, format: format).map { request throws(AnimaticError) in
            defer { start += request.content.frames }
            return try item(request, start: start)
        }
        // A take's segment sits where its shot's segment of the same number does.
        var shotStarts: [ShotID: Int] = [:]
        for item in items where item.request.shotStartFrame == 0 {
            shotStarts[item.request.content.card.shotID] = shotStarts[item.request.content.card.shotID] ?? item.startFrame
        }
        let takeItems = try GenerationRequest.otherTakes(in: plan, format: format).map { request throws(AnimaticError) in
            try item(request, start: (shotStarts[request.content.card.shotID] ?? 0) + request.shotStartFrame)
        }
        return BuildPlan(items: items, takeItems: takeItems)
    }
}
