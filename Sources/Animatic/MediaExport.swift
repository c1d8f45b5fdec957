import Foundation
import Generation
import Media
import Planning

/// The per-segment media beside the video (`film.media/12A-1.mp4`, …, each named from its segment ID by `PortableFileName`) that cut lists
/// point to: copies of the cache's clips — reflinks where the file system has them, never
/// hard links, so that editing a clip in an editor never edits the cache. The directory
/// is assembled under a temporary name and swapped into place.
///
/// A file the last export made from the same source (the same clip, or the same stretch
/// of the same soundtrack) and that nobody has touched since (its size and modification
/// time are as that export left them) is moved into the new directory rather than made
/// again: after a one-line edit, only the edited segments' files are written. What each
/// file was made from is kept in `manifest` (in the cache, not beside the user's files).
enum MediaExport {
    /// What made each file of an export, and how it was left.
    struct Manifest: Codable {
        struct Entry: Codable, Equatable {
            var source: String
            var size: Int
            var modified: Double
        }

        var files: [String: Entry]
    }

    /// With `audio`, each segment's stretch of the soundtrack goes beside its clip as
    /// `12A-1.wav` (48 kHz stereo, at the video's loudness).
    static func export(
        clips: some Sequence<(SegmentID, URL)>, to directory: URL, audio: (AudioTrack, [(SegmentID, Range<Int>)])? = nil,
        manifest: URL
    ) throws(AnimaticError) {
        let manager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString)")
        let retired = parent.appendingPathComponent(".\(directory.lastPathComponent).old-\(UUID().uuidString)")
        let previous = (try? Data(contentsOf: manifest)).flatMap { try? JSONDecoder().decode(Manifest.self, from: $0) }
        var made = Manifest(files: [:])
        var moved: [String] = []
        // Paths as strings, files stated and moved by system calls: a feature's export
        // looks at nearly two thousand files, of which an edit changes a few.
        let stagingPath = staging.path + "/", directoryPath = directory.path + "/"
        // Moves the old file `name` into the staging directory if it was made from `source`
        // and is as that export left it; otherwise makes it with `make`.
        func place(_ name: String, source: String, make: (URL) throws -> Void) throws {
            let target = stagingPath + name
            if let entry = previous?.files[name], entry.source == source,
               Self.entry(for: directoryPath + name, source: source) == entry, rename(directoryPath + name, target) == 0 {
                made.files[name] = entry
                moved.append(name)
                return
            }
            try make(URL(fileURLWithPath: target))
            if let entry = Self.entry(for: target, source: source) { made.files[name] = entry }
        }
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for (id, clip) in clips {
                try place(PortableFileName.clip(id), source: "clip \(clip.path)") { target in
                    try FileClone.copy(clip, to: target)
                }
            }
            if let (track, stretches) = audio {
                for (id, range) in stretches {
                    let name = (PortableFileName.clip(id) as NSString).deletingPathExtension + ".wav"
                    try place(name, source: "wav \(track.gain) " + SHA256.hex(track.mix.contents(of: range).utf8)) { target in
                        try track.mix.writeWAV(range, gain: track.gain, to: target)
                    }
                }
            }
            let hadOld = manager.fileExists(atPath: directory.path)
            if hadOld { try manager.moveItem(at: directory, to: retired) }
            try manager.moveItem(at: staging, to: directory)
            if hadOld { try? manager.removeItem(at: retired) }
        } catch {
            // The old directory stays as it was: what was moved out goes back.
            for name in moved { _ = rename(stagingPath + name, directoryPath + name) }
            try? manager.removeItem(at: staging)
            throw AnimaticError(.cannotCreate, "cannot write \(directory.path): \(error)")
        }
        // Without a manifest the next export makes every file again: slower, never wrong.
        try? manager.createDirectory(at: manifest.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data = try? JSONEncoder().encode(made) { _ = try? AtomicFile.update(data, at: manifest) }
    }

    /// The record of the file at `path` made from `source`, or nil when there is none.
    static func entry(for path: String, source: String) -> Manifest.Entry? {
        FileModification.of(path).map { Manifest.Entry(source: source, size: $0.size, modified: $0.modified) }
    }

    /// Where the manifest of the media directory `directory` is kept in the cache.
    static func manifest(for directory: URL, cache: URL) -> URL {
        cache.appendingPathComponent("media", isDirectory: true)
            .appendingPathComponent(SHA256.hex(directory.standardizedFileURL.path.utf8) + ".json")
    }
}
