import Foundation
import Testing

/// `film.media/` after an edit: the files of unchanged segments are kept (moved into the new
/// folder, same inode), only the edited segment's clip is written, and what no longer
/// belongs is removed.
@Suite("film.media: an edit writes only what changed")
struct MediaUpdateTests {
    /// Each file of the project's media folder with its inode.
    private func inodes(_ project: BuildProject) throws -> [String: UInt64] {
        let folder = project.directory.appendingPathComponent("film.media")
        var result: [String: UInt64] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            var status = stat()
            #expect(lstat(folder.appendingPathComponent(name).path, &status) == 0)
            result[name] = UInt64(status.st_ino)
        }
        return result
    }

    @Test("a one-line edit replaces the changed segment's clip and leaves the others' files alone")
    func anEditCopiesOnlyTheChangedClip() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        let stray = project.directory.appendingPathComponent("film.media/stray.txt")
        try Data("left over".utf8).write(to: stray)
        let before = try inodes(project)
        try project.write(buildScript.replacingOccurrences(of: "Fog rolls in", with: "Mist rolls in"))
        let (_, _, report) = try await project.build()
        #expect(report.generated == 1)
        let after = try inodes(project)
        #expect(Set(after.keys) == Set(before.keys).subtracting(["stray.txt"]))
        // The old build made a new folder: every file was new.
        #expect(after.filter { before[$0.key] != $0.value }.map(\.key) == ["1A-1.mp4"])
        #expect(!FileManager.default.fileExists(atPath: stray.path))
        // Each clip is still its cache entry's bytes.
        let cache = project.cache.appendingPathComponent("clips")
        for segment in report.segments {
            let clip = cache.appendingPathComponent(String(segment.key.rawValue.prefix(2))).appendingPathComponent("\(segment.key).mp4")
            let copy = project.directory.appendingPathComponent("film.media/\(segment.id).mp4")
            #expect(try Data(contentsOf: copy) == Data(contentsOf: clip), "\(segment.id)")
        }
    }
}
