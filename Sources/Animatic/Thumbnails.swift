import CutLists
import Foundation
import Generation
import Media

/// The frame grab of each shot (`Timeline.shotFrames`) as a small JPEG, for the storyboard
/// page and the contact sheet. Each is cached beside its clip under the clip's key
/// (`ClipCache.thumbnailURL`), so a rebuild grabs frames only from clips it has not seen.
/// A thumbnail's identity for a sheet page's key is its cache file's name (the clip's key
/// and the size) and modification time: a clip made again under its key drops its
/// thumbnails (`ClipCache.prepareEntry`), so its new one has a new time; a stat costs far
/// less than hashing every picture on every rebuild.
enum Thumbnails {
    /// The width of every thumbnail (less when the video is narrower).
    static let maximumWidth = 256

    /// The thumbnail size for a video of `size`: `maximumWidth` wide (or the video's
    /// width), its height keeping the aspect, both even.
    static func size(for size: FrameSize) -> FrameSize {
        let width = min(maximumWidth, size.width)
        let height = max(2, 2 * Int((Double(width) * Double(size.height) / Double(size.width) / 2).rounded()))
        return FrameSize(width: width, height: height)
    }

    /// The thumbnail of `frame` at `url` in `cache`: read when its content matches its
    /// recorded digest, else grabbed from `clip` (the clip of the segment it shows) and
    /// cached. The clip is grabbed from only after its own digest is checked, unless
    /// `clipVerified` says the build has checked it already. Returns the JPEG and whether
    /// it was grabbed now.
    static func load(
        _ frame: ShotFrame, at url: URL, clip: URL, cache: ClipCache, video: FrameSize, clipVerified: Bool
    ) async throws -> (jpeg: Data, grabbed: Bool) {
        if cache.verify(url) == nil, let data = RegularFile.read(url.path) { return (data, false) }
        cache.discard(url)
        if !clipVerified, let why = cache.verify(clip) {
            // Found now, after the build planned: the next build makes the clip again.
            cache.discard(clip)
            throw AnimaticError(
                .unavailable,
                "the cached clip of \(frame.clip.name) \(why); it is discarded, and the next build makes it again")
        }
        return (try await grab(frame, clip: clip, size: size(for: video), to: url, cache: cache), true)
    }

    /// What the thumbnail at `url` is, for a sheet page's key: its name and modification time.
    static func identity(of url: URL) -> String {
        "\(url.lastPathComponent) \(FileModification.of(url.path)?.modified ?? 0)"
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
