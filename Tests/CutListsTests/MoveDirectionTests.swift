import CutLists
import Foundation
import Planning
import Screenplay
import TestSupport
import Testing

/// A move the script gives a direction (`crane down`, `pan left`) keeps it in the shot
/// lists an editor reads: the CSV's Move column and the OTIO clip metadata, read back by
/// OpenTimelineIO.
@Suite("Move directions in cut lists")
struct MoveDirectionTests {
    static let script = """
        EXT. QUARRY - DAY

        [[shot: WS; move: crane down]]
        The pit opens below.

        [[shot: MS Ada; move: pan left]]
        Ada walks the rim.

        [[shot: CU Ada; move: zoom in]]
        She squints.

        [[shot: MS Ada; move: pan]]
        Wind.
        """

    static let expected = ["crane down", "slow pan left", "zoom in", "slow pan"]

    static func timeline() -> Timeline {
        let plan = Planner().plan(FountainReader.parse(script).screenplay).plan
        return Timeline(plan: plan, media: .beside(video: URL(fileURLWithPath: "/projects/quarry/cut.mp4")), title: "cut")
    }

    @Test("the CSV's Move column says which way the camera goes")
    func csv() {
        let rows = CSVShotList.render(Self.timeline()).split(separator: "\r\n").dropFirst()
        let moves = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[7] }
        #expect(moves.map(String.init) == Self.expected)
    }

    @Test("OTIO clip metadata says which way the camera goes, as OpenTimelineIO reads it")
    func otio() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cut.otio")
        try Data(try #require(CutListFormat.otio.render(Self.timeline())).utf8).write(to: file)
        let python = packageRoot.appendingPathComponent(".venv/bin/python")
        let result = try await Program(python, ["-c", """
            import sys, opentimelineio as otio
            timeline = otio.adapters.read_from_file(sys.argv[1])
            for clip in timeline.find_clips():
                print(clip.metadata["animatic"]["move"])
            """, file.path]).run()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == Self.expected)
    }
}
