import Animatic
import CutLists
import Foundation
import Media
import Planning
import Testing

/// The storyboard outputs of a build: the contact sheet and the page's embedded thumbnails.
@Suite("animatic build: contact sheet and storyboard thumbnails")
struct StoryboardBuildTests {
    // The sheet's grid, as docs/cutlists.md gives it: 6 across, cells spaced 8 pixels,
    // a 20-pixel caption strip; thumbnails at most 256 wide (the test video is 160x90).
    static let columns = 6, spacing = 8, caption = 20, thumbnailWidth = 160, thumbnailHeight = 90

    static func expectedSize(shots: Int) -> (width: Int, height: Int) {
        let across = min(columns, shots)
        let rows = (shots + columns - 1) / columns
        return (spacing + across * (thumbnailWidth + spacing), spacing + rows * (thumbnailHeight + caption + spacing))
    }

    static func distance(_ a: (red: Double, green: Double, blue: Double), _ b: (red: Double, green: Double, blue: Double))
        -> Double
    {
        max(abs(a.red - b.red), abs(a.green - b.green), abs(a.blue - b.blue))
    }

    /// Frame `index` of `clip` as the `ffmpeg` program decodes it, scaled to the thumbnail size.
    static func ffmpegFrame(_ clip: URL, index: Int, scratch: URL) async throws -> RGBImage {
        let raw = scratch.appendingPathComponent("frame-\(UUID().uuidString).rgb")
        _ = try await runTool("ffmpeg", [
            "-v", "error", "-nostdin", "-i", clip.path,
            "-vf", "select=eq(n\\,\(index)),scale=\(thumbnailWidth):\(thumbnailHeight),format=rgb24",
            "-frames:v", "1", "-f", "rawvideo", raw.path,
        ])
        return try #require(RGBImage(
            width: thumbnailWidth, height: thumbnailHeight, pixels: Array(try Data(contentsOf: raw))))
    }

    /// `ffprobe`'s codec, width and height of an image file.
    static func probe(_ file: URL) async throws -> [String] {
        try await runTool("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", file.path])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init)
    }

    @Test func theSheetHasOneCellPerShotShowingThatShotsMiddleFrame() async throws {
        let project = try BuildProject(script: buildScript)
        let (compilation, _, _) = try await project.build()
        let shots = compilation.plan.shots
        let sheetFile = project.directory.appendingPathComponent("film.contact.png")
        let expected = Self.expectedSize(shots: shots.count)
        #expect(try await Self.probe(sheetFile) == ["png", "\(expected.width)", "\(expected.height)"])
        let sheet = try ImageCodec.decode(try Data(contentsOf: sheetFile))
        #expect(sheet.width == expected.width && sheet.height == expected.height)

        var means: [(red: Double, green: Double, blue: Double)] = []
        for (index, shot) in shots.enumerated() {
            let segment = try #require(shot.segments.first)
            let clip = project.directory.appendingPathComponent("film.media/\(segment.id).mp4")
            let frame = try await Self.ffmpegFrame(clip, index: segment.frames / 2, scratch: project.directory)
            let x = Self.spacing + (index % Self.columns) * (Self.thumbnailWidth + Self.spacing)
            let y = Self.spacing + (index / Self.columns) * (Self.thumbnailHeight + Self.caption + Self.spacing)
            let cell = sheet.meanColour(x: x, y: y, width: Self.thumbnailWidth, height: Self.thumbnailHeight)
            #expect(Self.distance(cell, frame.meanColour()) < 4, "shot \(shot.id)'s cell")
            let strip = sheet.meanColour(x: x, y: y + Self.thumbnailHeight, width: Self.thumbnailWidth, height: Self.caption)
            #expect(strip.red > Double(ContactSheet.background.red) + 4, "shot \(shot.id) has no caption")
            means.append(frame.meanColour())
        }
        // The shots look different (two scenes, day and night): matching each cell means something.
        #expect(means.contains { Self.distance($0, means[0]) > 10 })
    }

    @Test func thePageEmbedsOneDecodableThumbnailPerShot() async throws {
        let project = try BuildProject(script: buildScript)
        let (compilation, _, _) = try await project.build()
        let html = try String(
            contentsOf: project.directory.appendingPathComponent("film.storyboard.html"), encoding: .utf8)
        let prefix = "<img src=\"data:image/jpeg;base64,"
        let sources = html.components(separatedBy: prefix).dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(sources.count == compilation.plan.shots.count)
        #expect(html.components(separatedBy: "<img ").count - 1 == compilation.plan.shots.count)
        #expect(!html.contains("src=\"http") && !html.contains("<script"))
        for (index, source) in sources.enumerated() {
            let data = try #require(Data(base64Encoded: String(source)), "thumbnail \(index) is not base64")
            let file = project.directory.appendingPathComponent("thumb-\(index).jpg")
            try data.write(to: file)
            #expect(try await Self.probe(file) == ["mjpeg", "\(Self.thumbnailWidth)", "\(Self.thumbnailHeight)"])
        }
    }

    /// Thumbnails cached under the cache's clips.
    static func thumbnails(_ project: BuildProject) -> [String: Date] {
        let clips = project.cache.appendingPathComponent("clips")
        let files = FileManager.default.enumerator(atPath: clips.path)?.allObjects as? [String] ?? []
        var dates: [String: Date] = [:]
        for file in files where file.hasSuffix(".jpg") && !file.contains(".partial-") {
            let attributes = try? FileManager.default.attributesOfItem(atPath: clips.appendingPathComponent(file).path)
            dates[file] = attributes?[.modificationDate] as? Date
        }
        return dates
    }

    /// Contact sheet pages drawn into the cache.
    static func cachedPages(_ project: BuildProject) -> [String] {
        let sheets = project.cache.appendingPathComponent("sheets")
        let files = FileManager.default.enumerator(atPath: sheets.path)?.allObjects as? [String] ?? []
        return files.filter { $0.hasSuffix(".png") && !$0.contains(".partial-") }.sorted()
    }

    @Test func aRebuildGrabsOnlyTheChangedShotsThumbnailAndRedrawsOnlyChangedPages() async throws {
        let project = try BuildProject(script: buildScript)
        let (compilation, _, _) = try await project.build()
        let first = Self.thumbnails(project)
        #expect(first.count == compilation.plan.shots.count)
        let sheetFile = project.directory.appendingPathComponent("film.contact.png")
        let firstSheet = try Data(contentsOf: sheetFile)
        #expect(Self.cachedPages(project).count == 1)
        let page = project.cache.appendingPathComponent("sheets").appendingPathComponent(Self.cachedPages(project)[0])
        let pageTime = { try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date }
        let drawn = try pageTime()
        _ = try await project.build()
        #expect(Self.thumbnails(project) == first, "a rebuild with nothing changed rewrote thumbnails")
        #expect(Self.cachedPages(project).count == 1)
        #expect(try pageTime() == drawn, "a rebuild with nothing changed drew the sheet again")
        #expect(try Data(contentsOf: sheetFile) == firstSheet)

        try project.write(buildScript.replacingOccurrences(of: "Fog rolls in over the water.", with: "Rain falls on the water."))
        _ = try await project.build()
        let second = Self.thumbnails(project)
        #expect(second.count == first.count + 1)
        #expect(first.allSatisfy { second[$0.key] == $0.value }, "an unchanged clip's thumbnail was grabbed again")
        #expect(Self.cachedPages(project).count == 2)
        #expect(try Data(contentsOf: sheetFile) != firstSheet)
    }

    @Test func aLongFilmsSheetIsInPagesOfSixtyAndStalePagesGo() async throws {
        let project = try BuildProject(script: buildScript)
        _ = try await project.build()
        let single = project.directory.appendingPathComponent("film.contact.png")
        #expect(FileManager.default.fileExists(atPath: single.path))

        let shots = (1...61).map { "[[shot: WS; duration: 6f]]\nThe clock shows \($0) o'clock.\n" }
        try project.write("EXT. CLOCK TOWER - DAY\n\n" + shots.joined(separator: "\n"))
        let (compilation, _, _) = try await project.build()
        #expect(compilation.plan.shots.count == 61)
        let pages = (try FileManager.default.contentsOfDirectory(atPath: project.directory.path))
            .filter { $0.hasPrefix("film.contact") }.sorted()
        #expect(pages == ["film.contact-001.png", "film.contact-002.png"])
        let full = Self.expectedSize(shots: 60), last = Self.expectedSize(shots: 1)
        #expect(try await Self.probe(project.directory.appendingPathComponent(pages[0]))
            == ["png", "\(full.width)", "\(full.height)"])
        #expect(try await Self.probe(project.directory.appendingPathComponent(pages[1]))
            == ["png", "\(last.width)", "\(last.height)"])
    }

    @Test func exportWritesThePageWithoutThumbnailsAndRefusesTheSheet() async throws {
        let project = try BuildProject(script: buildScript)
        let page = try await CommandRunner.run(["export", project.script.path, "--format", "html", "-o", "-"])
        #expect(page.status == 0)
        #expect(page.stdout.contains("<div class=\"frame\">") && !page.stdout.contains("<img"))
        let sheet = try await CommandRunner.run(["export", project.script.path, "--format", "sheet"])
        #expect(sheet.status == 64)
        #expect(sheet.stderr.contains("animatic build"))
    }
}
