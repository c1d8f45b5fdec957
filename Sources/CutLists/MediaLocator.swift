import Foundation
import Planning

/// Where a segment's media file is: the per-segment clips `animatic build` writes, which
/// every cut list names.
public struct MediaLocator: Sendable {
    /// The file URL of a segment's clip.
    public let url: @Sendable (Segment) -> URL

    /// A locator from any mapping of segments to files.
    public init(_ url: @escaping @Sendable (Segment) -> URL) {
        self.url = url
    }

    /// The build's convention: `<name>.media/<file name>` next to the video `<name>.mp4`,
    /// the file named from the segment ID by `PortableFileName` (`film.mp4` →
    /// `film.media/12A-1.mp4`).
    public static func beside(video: URL) -> MediaLocator {
        let directory = video.deletingPathExtension().appendingPathExtension("media")
        return MediaLocator { segment in
            directory.appendingPathComponent(PortableFileName.clip(segment.id))
        }
    }
}
