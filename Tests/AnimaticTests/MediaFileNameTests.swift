import Animatic
import Foundation
import JSONForms
import Planning
import Testing

/// Scene numbers become shot IDs, and shot IDs name the media files: the files get portable
/// names, the plan and the cut lists' clip names keep the script's IDs (issue #10). The
/// scenes are exteriors, so that each is one shot (no establishing exterior is added).
@Suite("animatic build: media file names")
struct MediaFileNameTests {
    static let longNumber = String(repeating: "9", count: 300)
    static let script = """
        EXT. HOUSE - DAY #.#

        A door opens.

        EXT. HALL - DAY #..#

        A lamp flickers.

        EXT. ROAD - DAY #-rf#

        A car passes.

        EXT. SEA - DAY #con#

        Waves.

        EXT. SKY - DAY #.partial-1#

        Clouds.

        EXT. CAVE - NIGHT #\(longNumber)#

        Dripping water.

        """

    @Test func scriptIDsNamePortableMediaAndTheCutListsPointAtThem() async throws {
        let project = try BuildProject(script: Self.script)
        let result = try await CommandRunner.run(["build", "film.fountain", "--size", "160x90", "--quiet"], in: project.directory)
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try PlanJSON.decode(Data(contentsOf: project.directory.appendingPathComponent("film.plan.json")))
        let ids = plan.shots.flatMap(\.segments).map(\.id)
        #expect(ids.prefix(5) == [".A-1", "..A-1", "-rf.A-1", "con.A-1", ".partial-1A-1"])
        #expect(ids.last == SegmentID(Self.longNumber + "A-1"))

        let media = project.directory.appendingPathComponent("film.media")
        let files = try FileManager.default.contentsOfDirectory(atPath: media.path).sorted()
        // Each segment's clip, and its stretch of the soundtrack beside it under the same name.
        let wav = { (id: SegmentID) in (PortableFileName.clip(id) as NSString).deletingPathExtension + ".wav" }
        #expect(files == ids.flatMap { [PortableFileName.clip($0), wav($0)] }.sorted())
        for name in files {
            #expect(!name.hasPrefix(".") && !name.hasPrefix("-") && name.utf8.count <= 100, "\(name)")
            #expect(!name.contains(".partial-") && !name.lowercased().hasPrefix("con."), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.directory.path)
            .filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)
        #expect(project.partialFiles().isEmpty)

        // The OpenTimelineIO file: each clip's media is a file that exists, named portably,
        // and the clip still carries the script's segment ID.
        let otio = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: project.directory.appendingPathComponent("film.otio")))
                as? [String: Any])
        let text = try String(contentsOf: project.directory.appendingPathComponent("film.otio"), encoding: .utf8)
        var targets: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let url = object["target_url"] as? String { targets.append(url) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(otio)
        // The picture track, then the audio track.
        #expect(targets.count == 2 * ids.count)
        for (index, (target, id)) in zip(targets, ids + ids).enumerated() {
            let url = try #require(URL(string: target))
            #expect(url.lastPathComponent == (index < ids.count ? PortableFileName.clip(id) : wav(id)))
            #expect(FileManager.default.fileExists(atPath: url.path), "\(target)")
        }
        #expect(text.contains("\"id\": \".A-1\"") || text.contains("\"id\":\".A-1\""))
        let edl = try String(contentsOf: project.directory.appendingPathComponent("film.edl"), encoding: .utf8)
        #expect(edl.contains("* FROM CLIP NAME: _2EA-1.mp4"), "\(edl)")
    }
}
