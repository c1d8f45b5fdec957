import Animatic
import Foundation
import Generation
import Media
import Testing

/// Damage to the cache that once shipped a broken video or failed every build (issue 11):
/// each is found, the entry discarded and made again, and the build succeeds.
@Suite struct CacheHealingTests {
    /// Two shots of the same length, so that one clip can stand in for the other unnoticed
    /// by a frame count.
    static let twinScript = """
        EXT. HARBOR - DAWN

        [[shot: WS harbor; duration: 1s]]
        Fog rolls in over the water.

        [[shot: CU Anna; duration: 1s]]
        Anna looks out to sea.

        """

    /// Overwrites `count` bytes of `file` from `offset` with their complement: same size, new content.
    func flip(_ file: URL, at offset: Int, count: Int = 16) throws {
        var data = try Data(contentsOf: file)
        for index in offset..<min(offset + count, data.count) { data[index] = ~data[index] }
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: data)
        try handle.close()
    }

    /// The report of a build made after removing the video, so that every clip feeds a new one.
    func rebuildVideo(_ project: BuildProject) async throws -> (BuildPlan, BuildReport) {
        try FileManager.default.removeItem(at: project.output)
        let (_, buildPlan, report) = try await project.build()
        return (buildPlan, report)
    }

    @Test func flippedBytesInsideAClipAreFoundAndTheClipIsMadeAgain() async throws {
        let project = try BuildProject(script: Self.twinScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        let damaged = first.items[0]
        let size = try Data(contentsOf: cache.url(for: damaged.key)).count
        try flip(cache.url(for: damaged.key), at: size / 2)
        let (_, report) = try await rebuildVideo(project)
        #expect(report.segments[0].status == .generated)
        #expect(report.segments[0].reason == "cache entry corrupt: its content does not match its recorded digest")
        #expect(report.segments[1].status == .reused)
        #expect(cache.verify(cache.url(for: damaged.key)) == nil)
        #expect(try await ffprobeFrameCount(project.output) == first.items.map(\.frames).reduce(0, +))
    }

    /// Rewrites `file` in place (a read-only cache entry made writable for it) with `count`
    /// bytes from `offset` complemented, then puts its permissions and its access and
    /// modification times back to the nanosecond, as `touch -d` would: only its inode's
    /// status-change time tells.
    func flipKeepingTimes(_ file: URL, at offset: Int, count: Int = 16) throws {
        var status = stat()
        #expect(lstat(file.path, &status) == 0)
        #expect(chmod(file.path, 0o644) == 0)
        try flip(file, at: offset, count: count)
        #expect(chmod(file.path, status.st_mode & 0o777) == 0)
        #expect(utimensat(AT_FDCWD, file.path, [status.st_atim, status.st_mtim], 0) == 0)
        var after = stat()
        #expect(lstat(file.path, &after) == 0)
        #expect(after.st_ino == status.st_ino && after.st_size == status.st_size)
        #expect(after.st_mtim.tv_sec == status.st_mtim.tv_sec && after.st_mtim.tv_nsec == status.st_mtim.tv_nsec)
    }

    @Test func aClipRewrittenInPlaceWithItsSizeAndTimeRestoredIsFound() async throws {
        let project = try BuildProject(script: Self.twinScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        let damaged = cache.url(for: first.items[0].key)
        // The ledger (`digests.tsv`) holds the sealed clip: its digest is trusted while the
        // clip stands as sealed, so only the status-change time gives this edit away.
        #expect(String(decoding: try Data(contentsOf: project.cache.appendingPathComponent("digests.tsv")), as: UTF8.self)
            .contains("\(first.items[0].key).mp4\t"))
        try flipKeepingTimes(damaged, at: try Data(contentsOf: damaged).count / 2)
        let (_, report) = try await rebuildVideo(project)
        #expect(report.segments[0].status == .generated)
        #expect(report.segments[0].reason == "cache entry corrupt: its content does not match its recorded digest")
        #expect(report.segments[1].status == .reused)
        #expect(try await ffprobeFrameCount(project.output) == first.items.map(\.frames).reduce(0, +))
    }

    @Test func aThumbnailRewrittenInPlaceWithItsSizeAndTimeRestoredIsGrabbedAgain() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        let thumbnails = (FileManager.default.enumerator(atPath: project.cache.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".jpg") }
        let thumbnail = project.cache.appendingPathComponent(try #require(thumbnails.first))
        let good = try Data(contentsOf: thumbnail)
        try flipKeepingTimes(thumbnail, at: good.count / 2, count: 64)
        let storyboard = project.directory.appendingPathComponent("film.storyboard.html")
        let page = try Data(contentsOf: storyboard)
        try FileManager.default.removeItem(at: storyboard)
        _ = try await project.build()
        #expect(try Data(contentsOf: thumbnail) == good)
        #expect(try Data(contentsOf: storyboard) == page)
    }

    @Test func anotherValidClipSwappedInIsFound() async throws {
        let project = try BuildProject(script: Self.twinScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        #expect(first.items[0].frames == first.items[1].frames)
        let target = cache.url(for: first.items[0].key)
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: cache.url(for: first.items[1].key), to: target)
        let (buildPlan, report) = try await rebuildVideo(project)
        guard case .generate(.entryCorrupt) = buildPlan.items[0].action else {
            Issue.record("the swapped clip was taken: \(buildPlan.items[0].action)")
            return
        }
        #expect(report.segments[0].status == .generated)
    }

    @Test func aDamagedAvcCIsMadeAgainInsteadOfFailingEveryBuild() async throws {
        let project = try BuildProject(script: Self.twinScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        let file = cache.url(for: first.items[1].key)
        let data = try Data(contentsOf: file)
        let box = try #require(data.firstRange(of: Data("avcC".utf8)))
        try flip(file, at: box.upperBound + 5, count: 4)
        let (_, report) = try await rebuildVideo(project)
        #expect(report.segments[1].status == .generated)
        #expect(try await ffprobeFrameCount(project.output) == first.items.map(\.frames).reduce(0, +))
    }

    @Test func aDirectoryInPlaceOfAnEntryIsReplaced() async throws {
        let project = try BuildProject(script: Self.twinScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        let file = cache.url(for: first.items[0].key)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let (_, report) = try await rebuildVideo(project)
        #expect(report.segments[0].status == .generated)
        #expect(cache.verify(file) == nil)
    }

    @Test func aFIFOInPlaceOfAnEntryIsReplacedWithoutHanging() async throws {
        let project = try BuildProject(script: Self.twinScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        let file = cache.url(for: first.items[0].key)
        try FileManager.default.removeItem(at: file)
        #expect(mkfifo(file.path, 0o644) == 0)
        // Were the build to open the FIFO for reading, it would wait for a writer forever:
        // this one, after 60 s, lets it go (with an end of file) and the test fails.
        let hung = Task {
            try await Task.sleep(for: .seconds(60))
            Issue.record("the build is stuck on the FIFO")
            let writer = open(file.path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        defer { hung.cancel() }
        let (_, report) = try await rebuildVideo(project)
        #expect(report.segments[0].status == .generated)
        #expect(cache.verify(file) == nil)
    }

    @Test func aGarbageThumbnailIsGrabbedAgain() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        let thumbnails = (FileManager.default.enumerator(atPath: project.cache.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".jpg") }
        let thumbnail = project.cache.appendingPathComponent(try #require(thumbnails.first))
        try FileManager.default.removeItem(at: thumbnail)
        try Data("not a picture".utf8).write(to: thumbnail)
        // A no-op rebuild needs no thumbnail (the cut lists are as it wrote them); one whose
        // storyboard page is gone does, and grabs the garbage one again.
        let storyboard = project.directory.appendingPathComponent("film.storyboard.html")
        let page = try Data(contentsOf: storyboard)
        try FileManager.default.removeItem(at: storyboard)
        _ = try await project.build()
        #expect(try Data(contentsOf: thumbnail).starts(with: [0xFF, 0xD8]))
        #expect(try Data(contentsOf: storyboard) == page)
    }

    @Test func aCorruptSheetPageIsDrawnAgainNotCopiedOut() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        let sheet = project.directory.appendingPathComponent("film.contact.png")
        let good = try Data(contentsOf: sheet)
        let pages = (FileManager.default.enumerator(atPath: project.cache.appendingPathComponent("sheets").path)?.allObjects
            as? [String] ?? []).filter { $0.hasSuffix(".png") }
        let page = project.cache.appendingPathComponent("sheets").appendingPathComponent(try #require(pages.first))
        try flip(page, at: good.count / 2, count: 64)
        try FileManager.default.removeItem(at: sheet)
        _ = try await project.build()
        #expect(try Data(contentsOf: sheet) == good)
    }

    @Test func entriesAreReadOnlyAndOutputsAreCopiesNotLinksIntoTheCache() async throws {
        let project = try BuildProject(script: Self.twinScript)
        let (_, first, _) = try await project.build()
        let cache = ClipCache(directory: project.cache)
        let entries = (FileManager.default.enumerator(atPath: project.cache.path)?.allObjects as? [String] ?? [])
            .filter { [".mp4", ".jpg", ".png"].contains(where: $0.hasSuffix) && !$0.hasPrefix("tmp/") }
        #expect(entries.count >= 5)
        for entry in entries {
            let mode = try FileManager.default.attributesOfItem(atPath: project.cache.appendingPathComponent(entry).path)[.posixPermissions]
            #expect(mode as? Int == 0o444, "\(entry)")
        }
        // Editing a clip in film.media/ (or the sheet) in place leaves the cache as it was.
        let clip = cache.url(for: first.items[0].key)
        let before = try Data(contentsOf: clip)
        let media = project.directory.appendingPathComponent("film.media/\(first.items[0].segmentID).mp4")
        try flip(media, at: before.count / 2)
        #expect(try Data(contentsOf: clip) == before)
        #expect(cache.verify(clip) == nil)
        let sheet = project.directory.appendingPathComponent("film.contact.png")
        let pages = (FileManager.default.enumerator(atPath: project.cache.appendingPathComponent("sheets").path)?.allObjects
            as? [String] ?? []).filter { $0.hasSuffix(".png") }
        let page = project.cache.appendingPathComponent("sheets").appendingPathComponent(try #require(pages.first))
        let pageBefore = try Data(contentsOf: page)
        try flip(sheet, at: 100)
        #expect(try Data(contentsOf: page) == pageBefore)
        // And the next build puts the sheet right again.
        _ = try await project.build()
        #expect(try Data(contentsOf: sheet) == pageBefore)
    }
}
