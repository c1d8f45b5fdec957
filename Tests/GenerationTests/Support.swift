import Foundation
import Generation
import Media
import Planning
import Screenplay
import TestSupport

/// A small script with a still establishing shot, dialogue and a push-in long enough to
/// be cut into segments.
let sampleScript = """
    EXT. HARBOR - NIGHT

    Fog rolls in over the water.

    INT. KITCHEN - DAY

    [[shot: CU Anna; move: push in; duration: 3s]]
    Anna stares at the letter.

    ANNA
    They're selling the building.

    """

/// The plan of `script` at 24 fps with segments of at most `maxSegmentSeconds`.
func plan(_ script: String = sampleScript, maxSegmentSeconds: Int = 10) -> Plan {
    let parsed = FountainReader.parse(Array(script.utf8))
    let configuration = PlanConfiguration(maxSegmentMilliseconds: maxSegmentSeconds * 1000)
    return Planner(configuration: configuration).plan(parsed.screenplay).plan
}

/// A tiny house format: 160×90 at 24 fps.
let tinyFormat = HouseFormat(width: 160, height: 90, frameRate: Rational(24))

/// Runs `program` from PATH and returns its standard output; throws unless it exits 0.
@discardableResult
func runProgram(_ program: String, _ arguments: [String]) async throws -> Data {
    var tool = Program(onPath: program, arguments)
    tool.stderr = .discard
    return try await tool.output()
}

/// Every frame of `video` decoded to 8-bit grey, one byte array a frame.
func greyFrames(_ video: URL, width: Int, height: Int) async throws -> [[UInt8]] {
    let data = try await runProgram("ffmpeg", ["-v", "error", "-i", video.path, "-f", "rawvideo", "-pix_fmt", "gray", "-"])
    let size = width * height
    return stride(from: 0, to: data.count, by: size).map { Array(data[$0..<min($0 + size, data.count)]) }
}

/// The mean absolute difference of two grey frames.
func difference(_ a: [UInt8], _ b: [UInt8]) -> Double {
    Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(max(a.count, 1))
}
