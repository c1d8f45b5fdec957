@testable import Animatic
import Foundation
import Testing

/// `film.media/`'s manifest and a sheet page's key record files' modification times as
/// FileManager gave them (`modificationDate.timeIntervalSince1970`); both now take them from
/// one `lstat` (`FileModification`), and must give the same number to the bit, or every media
/// file and sheet page a previous build left would be made again.
@Suite("file modification times")
struct FileModificationTests {
    @Test("a time from lstat is FileManager's to the bit, at any nanosecond")
    func entryTimeIsFileManagers() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("media-entry-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("1A-1.mp4").path
        try Data("clip".utf8).write(to: URL(fileURLWithPath: path))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            // Times from 1970 to 2100 with every nanosecond digit in play.
            let time = timespec(
                tv_sec: Int.random(in: 0...4_102_444_800, using: &generator),
                tv_nsec: Int.random(in: 0..<1_000_000_000, using: &generator))
            var times = [time, time]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let date = try #require(attributes[.modificationDate] as? Date)
            let entry = try #require(MediaExport.entry(for: path, source: "clip x"))
            #expect(entry.modified.bitPattern == date.timeIntervalSince1970.bitPattern, "\(time)")
            #expect(entry.size == 4)
            #expect(Thumbnails.identity(of: URL(fileURLWithPath: path)) == "1A-1.mp4 \(date.timeIntervalSince1970)")
        }
        #expect(MediaExport.entry(for: directory.appendingPathComponent("none").path, source: "clip x") == nil)
    }
}
