import CutLists
import Foundation
import Generation
import Media

/// The frame grab of each shot (`Timeline.shotFrames`) as a small JPEG, for the storyboard
/// page and the contact sheet. Each is cached beside its clip under the clip's key
/// (`ClipCache.thumbnailURL`), so a rebuild grabs frames only from clips it has not seen.
struct Thumbnails {
    /// The width of every thumbnail (less when the video is narrower).
    static let maximumWidth = 256

    /// The thumbnail size for a video of `size`: `maximumWidth` wide (or the video's
    /// width), its height keeping the aspect, both even.
    static func size(for size: FrameSize) -> FrameSize {
        let width = min(maximumWidth, size.width)
        let height = max(2, 2 * Int((Double(width) * Double(size.height) / Double(size.width) / 2).rounded()))
        return FrameSize(width: width, height: height)
    }

    /// JPEG bytes by shot ID.
    var jpegs: [String: Data]
    /// What each thumbnail is, by shot ID, for the sheet's page keys: its cache file's name
    /// (the clip's key and the size) and modification time. A clip made again under its
    /// key drops its thumbnails (`ClipCache.prepareEntry`), so its new one has a new time;
    /// a stat costs far less than hashing every picture on every rebuild.
    var identities: [String: String]
    /// How many were grabbed now (the others came from the cache).
    var grabbed: Int

    /// The thumbnail of every shot in `frames`: read from `cache`, or grabbed from the clip
    /// whose cache key `keys` gives (by segment ID) and cached, at most `jobs` at once.
    /// A cached thumbnail is used only when its content matches its recorded digest (else it
    /// is grabbed again); a clip is grabbed from only after its own digest is checked, unless
    /// `clipsVerified` says the build has checked every clip already.
    static func load(
        _ frames: [ShotFrame], keys: [String: String], cache: ClipCache, video: FrameSize, jobs: Int,
        clipsVerified: Bool
    ) async throws -> Thumbnails {
        let size = size(for: video)
        var jpegs: [String: Data] = [:]
        var urls: [String: URL] = [:]
        var missing: [(ShotFrame, key: String, url: URL)] = []
        for frame in frames {
            guard let key = keys[frame.clip.name] else {
                throw AnimaticError(.internalFailure, "no cache key for segment \(frame.clip.name)")
            }
            let url = cache.thumbnailURL(for: key, width: size.width, height: size.height)
            urls[frame.shotID] = url
            if cache.verify(url) == nil, let data = RegularFile.read(url.path) {
                jpegs[frame.shotID] = data
            } else {
                cache.discard(url)
                missing.append((frame, key, url))
            }
        }
        try await withThrowingTaskGroup(of: (String, Data).self) { group in
            var queue = missing[...]
            func startNext() {
                guard let (frame, key, url) = queue.popFirst() else { return }
                group.addTask {
                    let clip = cache.url(for: key)
                    if !clipsVerified, let why = cache.verify(clip) {
                        // Found now, after the build planned: the next build makes the clip again.
                        cache.discard(clip)
                        throw AnimaticError(
                            .unavailable,
                            "the cached clip of \(frame.clip.name) \(why); it is discarded, and the next build makes it again")
                    }
                    return (frame.shotID, try await grab(frame, clip: clip, size: size, to: url, cache: cache))
                }
            }
            for _ in 0..<max(1, jobs) { startNext() }
            while let (shot, data) = try await group.next() {
                jpegs[shot] = data
                startNext()
            }
        }
        let identities = urls.mapValues(identity(of:))
        return Thumbnails(jpegs: jpegs, identities: identities, grabbed: missing.count)
    }

    /// What the thumbnail at `url` is, for a sheet page's key: its name and modification time.
    static func identity(of url: URL) -> String {
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        return "\(url.lastPathComponent) \(modified?.timeIntervalSince1970 ?? 0)"
    }

    /// Grabs `frame` from `clip`, encodes it, writes it to `url` atomically and seals it.
    private static func grab(_ frame: ShotFrame, clip: URL, size: FrameSize, to url: URL, cache: ClipCache)
        async throws -> Data
    {
        let data: Data
        do {
            let image = try await FrameGrab.frame(clip, at: frame.frame, width: size.width, height: size.height)
            data = try ImageCodec.jpeg(image)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw AnimaticError(.internalFailure, "cannot grab frame \(frame.frame) of \(frame.clip.name): \(error)")
        }
        try AtomicFile.write(data, to: url)
        do { try cache.seal(url) } catch {
            throw AnimaticError(.cannotCreate, "cannot record the digest of \(url.path): \(error)")
        }
        return data
    }
}
