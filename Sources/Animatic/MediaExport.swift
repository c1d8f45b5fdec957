import Foundation
import Media
import Planning

/// The per-segment media beside the video (`film.media/12A-1.mp4`, …, each named from its segment ID by `PortableFileName`) that cut lists
/// point to: copies of the cache's clips — reflinks where the file system has them, never
/// hard links, so that editing a clip in an editor never edits the cache. The directory
/// is assembled under a temporary name and swapped into place.
enum MediaExport {
    /// With `audio`, each segment's stretch of the soundtrack goes beside its clip as
    /// `12A-1.wav` (48 kHz stereo, at the video's loudness).
    static func export(
        clips: some Sequence<(SegmentID, URL)>, to directory: URL, audio: (AudioTrack, [(SegmentID, Range<Int>)])? = nil
    ) throws(AnimaticError) {
        let manager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString)")
        let retired = parent.appendingPathComponent(".\(directory.lastPathComponent).old-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for (id, clip) in clips {
                let target = staging.appendingPathComponent(PortableFileName.clip(id))
                try FileClone.copy(clip, to: target)
            }
            if let (track, stretches) = audio {
                for (id, range) in stretches {
                    let name = (PortableFileName.clip(id) as NSString).deletingPathExtension + ".wav"
                    try track.mix.writeWAV(range, gain: track.gain, to: staging.appendingPathComponent(name))
                }
            }
            let hadOld = manager.fileExists(atPath: directory.path)
            if hadOld { try manager.moveItem(at: directory, to: retired) }
            try manager.moveItem(at: staging, to: directory)
            if hadOld { try? manager.removeItem(at: retired) }
        } catch {
            try? manager.removeItem(at: staging)
            throw AnimaticError(.cannotCreate, "cannot write \(directory.path): \(error)")
        }
    }
}
