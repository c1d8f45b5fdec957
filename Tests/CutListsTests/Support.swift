import CutLists
import Foundation
import Planning
import Screenplay
import Testing
import TestSupport

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small script with every kind of edit: a fade in, a dissolve between scenes, a shot
/// long enough for two segments, dialogue, quotes and commas, and a fade out.
let sampleScript = """
    Title: Cut Test

    FADE IN:

    EXT. HARBOR - DAWN #1#

    [[shot: WS; duration: 3s]]
    Fog rolls in over the harbor, "thick" as wool.

    ANNA
    They're selling the building.

    DISSOLVE TO:

    INT. BAR - NIGHT #2#

    [[shot: CU Ben; move: dolly in; duration: 12s]]
    Ben polishes a cup, slowly.

    BEN
    I know.

    FADE OUT.
    """

/// The rates the goldens and read-back tests run at, with their golden folder names.
let sampleRates: [(name: String, rate: FrameRate)] = [("24", .film), ("25", .pal), ("23.976", .filmNTSC), ("29.97", .videoNTSC)]

/// The sample's plan at a rate.
func samplePlan(_ rate: FrameRate) -> Plan {
    Planner(configuration: PlanConfiguration(frameRate: rate)).plan(FountainReader.parse(sampleScript).screenplay).plan
}

/// The sample's timeline with its media beside `video`. At 29.97 it starts at 00:00:58;00,
/// so that its first shot (90 frames) crosses a minute boundary: 00:00:58;00 → 00:01:01;02.
func sampleTimeline(_ rate: FrameRate, video: URL = URL(fileURLWithPath: "/projects/cut test/cut.mp4")) -> Timeline {
    let start = rate.isDropFrame ? rate.frame(timecode: "00:00:58;00") : nil
    return Timeline(plan: samplePlan(rate), media: .beside(video: video), title: "cut", recordStart: start)
}

