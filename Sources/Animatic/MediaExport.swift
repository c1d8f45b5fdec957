import Foundation
import Media
import Planning

/// The per-segment media beside the video (`film.media/12A-1.mp4`, …, each named from its segment ID by `PortableFileName`) that cut lists
/// point to: copies of the cache's clips — reflinks where the file system has them, never
/// hard links, so that editing a clip in an editor never edits the cache. A new directory
/// is assembled under a temporary name and swapped into place; one already there is
/// brought up to date file by file, each replaced by a rename, so that a one-line edit of a
/// feature copies one clip, not 1,800 (a copy keeps its clip's time: one that is still a
/// copy of its clip is left alone). Either way, whatever else is in it is removed.
enum MediaExport {
    /// With `audio`, each segment's stretch of the soundtrack goes beside its clip as
    /// `12A-1.wav` (48 kHz stereo, at the video's loudness).
    static func export(
        clips: some Sequence<(SegmentID, URL)>, to directory: URL, audio: (AudioTrack, [(SegmentID, Range<Int>)])? = nil
    ) throws(AnimaticError) {
        let manager = FileManager.default
        var status = stat()
        if lstat(directory.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            try update(clips: clips, in: directory, audio: audio)
            return
        }
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString)")
        let retired = parent.appendingPathComponent(".\(directory.lastPathComponent).old-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for (id, clip) in clips {
                let target = staging.appendingPathComponent(PortableFileName.clip(id.rawValue))
                try FileClone.copy(clip, to: target)
            }
            if let (track, stretches) = audio {
                for (id, range) in stretches {
                    let name = (PortableFileName.clip(id.rawValue) as NSString).deletingPathExtension + ".wav"
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

    /// Brings the media directory already at `directory` up to date in place: each clip not
    /// already a copy of its cache entry, and each WAV, written under a temporary name and
    /// renamed over its file; every other entry removed.
    private static func update(
        clips: some Sequence<(SegmentID, URL)>, in directory: URL, audio: (AudioTrack, [(SegmentID, Range<Int>)])?
    ) throws(AnimaticError) {
        let manager = FileManager.default
        var kept: Set<String> = []
        func replace(_ name: String, with make: (URL) throws -> Void) throws {
            let temporary = directory.appendingPathComponent(".\(name).partial-\(UUID().uuidString)")
            let target = directory.appendingPathComponent(name)
            // A rename replaces a file, not a folder someone put in its place.
            var status = stat()
            if lstat(target.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { try manager.removeItem(at: target) }
            do {
                try make(temporary)
                guard rename(temporary.path, target.path) == 0 else {
                    throw MediaError.fileSystem(
                        operation: "rename", path: temporary.path, errno: errno, message: String(cString: strerror(errno)))
                }
            } catch {
                try? manager.removeItem(at: temporary)
                throw error
            }
        }
        do {
            for (id, clip) in clips {
                let name = PortableFileName.clip(id.rawValue)
                kept.insert(name)
                if AtomicFile.isCopy(directory.appendingPathComponent(name), of: clip) { continue }
                try replace(name) { try FileClone.copy(clip, to: $0) }
            }
            if let (track, stretches) = audio {
                for (id, range) in stretches {
                    let name = (PortableFileName.clip(id.rawValue) as NSString).deletingPathExtension + ".wav"
                    kept.insert(name)
                    try replace(name) { try track.mix.writeWAV(range, gain: track.gain, to: $0) }
                }
            }
            for name in try manager.contentsOfDirectory(atPath: directory.path) where !kept.contains(name) {
                try manager.removeItem(at: directory.appendingPathComponent(name))
            }
        } catch {
            throw AnimaticError(.cannotCreate, "cannot write \(directory.path): \(error)")
        }
    }
}
