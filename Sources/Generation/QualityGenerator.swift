import Foundation
import Media
import Planning

/// One backend at two qualities: each request goes to the final backend when its segment is
/// one of `finalSegments`, else to the draft backend. Both are the same kind of backend with
/// their own settings (model, workflow, worker command) and, optionally, their own size to
/// make clips at (the build conforms them to the house format as always).
///
/// The quality and its size are part of every key, so drafts and finals are cached apart,
/// even where their settings agree; the segments are cut to the shorter of the two longest
/// clips, so that a shot's draft and final segments are the same segments.
public struct QualityGenerator: Generator {
    /// One quality's backend and the size it makes clips at.
    public struct Level: Sendable {
        /// The backend for this quality (unscheduled: the scheduler wraps the whole).
        public var backend: any Generator
        /// The size the backend is asked for instead of the house format's; nil for the
        /// house format's.
        public var size: FrameSize?

        /// `backend` at `size`.
        public init(backend: any Generator, size: FrameSize? = nil) {
            self.backend = backend
            self.size = size
        }
    }

    /// The draft quality.
    public var draft: Level
    /// The final quality.
    public var final: Level
    /// The segments made at the final quality, by ID; the rest are drafts.
    public var finalSegments: Set<SegmentID>

    /// The two qualities of one backend.
    /// - Throws: a permanent `BackendError` when they are not the same kind of backend.
    public init(draft: Level, final: Level, finalSegments: Set<SegmentID> = []) throws(BackendError) {
        guard draft.backend.name == final.backend.name else {
            throw BackendError(
                backend: draft.backend.name, operation: "configure the qualities",
                failure: .invalidConfiguration(
                    "the draft and final qualities use different backends (\(draft.backend.name), \(final.backend.name))"),
                isPermanent: true)
        }
        self.draft = draft
        self.final = final
        self.finalSegments = finalSegments
    }

    /// The quality `request` is made at.
    public func quality(of request: GenerationRequest) -> QualityLevel {
        finalSegments.contains(request.segmentID) ? .final : .draft
    }

    /// The level for `request`, and the request as that level's backend gets it.
    private func route(_ request: GenerationRequest) -> (Level, GenerationRequest) {
        let level = quality(of: request) == .final ? final : draft
        var request = request
        if let size = level.size {
            request.format.width = size.width
            request.format.height = size.height
        }
        return (level, request)
    }

    /// The backends' name (both have the same).
    public var name: String { draft.backend.name }

    /// Both qualities' settings.
    public var settings: String {
        QualityLevel.allCases.map { quality in
            let level = quality == .final ? final : draft
            return "\(quality.rawValue): \(level.backend.settings)" + (level.size.map { " size=\($0)" } ?? "")
        }.joined(separator: "; ")
    }

    private struct KeyMaterial: Encodable {
        var quality: String
        var size: String?
        var material: String
    }

    /// The quality, its size and what its backend is given: a draft and a final of the same
    /// segment never share a key.
    public func keyMaterial(for request: GenerationRequest) throws -> Data {
        let (level, routed) = route(request)
        return try CanonicalJSON.data(KeyMaterial(
            quality: quality(of: request).rawValue, size: level.size?.description,
            material: String(decoding: try level.backend.keyMaterial(for: routed), as: UTF8.self)))
    }

    /// What the request's quality charges for it.
    public func charge(for request: GenerationRequest) -> RequestCharge? {
        let (level, routed) = route(request)
        return level.backend.charge(for: routed)
    }

    /// Whether the request's quality starts it from the previous segment's last frame.
    public func startsFromImage(_ request: GenerationRequest) -> Bool {
        let (level, routed) = route(request)
        return level.backend.startsFromImage(routed)
    }

    /// What both qualities can do: the shorter longest clip, the fewer parallel jobs; an
    /// image or audio taken when either takes it (per request, `startsFromImage` says).
    public var capabilities: GeneratorCapabilities {
        let one = draft.backend.capabilities, other = final.backend.capabilities
        func least(_ first: Int?, _ second: Int?) -> Int? {
            switch (first, second) {
            case let (first?, second?): min(first, second)
            default: first ?? second
            }
        }
        return GeneratorCapabilities(
            longestClipMilliseconds: least(one.longestClipMilliseconds, other.longestClipMilliseconds),
            maxParallelJobs: least(one.maxParallelJobs, other.maxParallelJobs),
            imageToVideo: one.imageToVideo || other.imageToVideo,
            // A quality with its own size never writes the house format.
            writesHouseFormat: one.writesHouseFormat && other.writesHouseFormat && draft.size == nil && final.size == nil,
            drivingAudio: one.drivingAudio || other.drivingAudio)
    }

    /// Both qualities' input files.
    public var inputFiles: [URL] {
        draft.backend.inputFiles + final.backend.inputFiles.filter { !draft.backend.inputFiles.contains($0) }
    }

    /// Has the request's quality make it.
    public func generate(_ request: GenerationRequest, to destination: URL) async throws {
        let (level, routed) = route(request)
        try await level.backend.generate(routed, to: destination)
    }

    /// Has the request's quality make it, with its measures when that backend has them.
    public func generate(_ request: GenerationRequest, to destination: URL, analysing: Bool) async throws
        -> ClipMeasures?
    {
        let (level, routed) = route(request)
        return try await level.backend.generate(routed, to: destination, analysing: analysing)
    }
}
