import Foundation
import Media
import Testing
import TestSupport

/// Runs `program` (found on PATH) with `arguments` in `directory`, so that nothing it leaves
/// behind outlives the test; both output streams captured.
func run(_ program: String, _ arguments: [String], in directory: Scratch) async throws -> ProgramOutput {
    var tool = Program(onPath: program, arguments)
    tool.directory = directory.url
    return try await tool.run()
}

/// Runs the `ffmpeg` program quietly to make a test input; fails the test if it fails.
func makeInput(_ arguments: [String], in directory: Scratch) async throws {
    let result = try await run("ffmpeg", ["-v", "error", "-nostdin", "-y"] + arguments, in: directory)
    try #require(result.status == 0, "ffmpeg \(arguments.joined(separator: " ")): \(result.stderr)")
}

/// `ffprobe … -of json` on `file`, parsed.
func ffprobe(_ arguments: [String], _ file: URL, in directory: Scratch) async throws -> [String: Any] {
    let result = try await run("ffprobe", ["-v", "error", "-of", "json"] + arguments + [file.path], in: directory)
    try #require(result.status == 0, "ffprobe: \(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(json as? [String: Any])
}

/// ffprobe's view of the first video stream, frames counted by decoding.
struct FFprobeVideo {
    var codecName: String
    var width: Int
    var height: Int
    var pixelFormat: String
    var frameRate: String
    var readFrames: Int
    var hasBFrames: Int
    var streamCount: Int

    init(_ file: URL, in directory: Scratch) async throws {
        let all = try await ffprobe(["-show_entries", "stream=codec_type"], file, in: directory)
        streamCount = (all["streams"] as? [Any])?.count ?? 0
        let json = try await ffprobe(
            [
                "-count_frames", "-select_streams", "v",
                "-show_entries", "stream=nb_read_frames,codec_name,r_frame_rate,pix_fmt,width,height,has_b_frames",
            ], file, in: directory)
        let streams = try #require(json["streams"] as? [[String: Any]])
        let stream = try #require(streams.first)
        codecName = stream["codec_name"] as? String ?? ""
        width = stream["width"] as? Int ?? 0
        height = stream["height"] as? Int ?? 0
        pixelFormat = stream["pix_fmt"] as? String ?? ""
        frameRate = stream["r_frame_rate"] as? String ?? ""
        readFrames = Int(stream["nb_read_frames"] as? String ?? "") ?? -1
        hasBFrames = stream["has_b_frames"] as? Int ?? -1
    }
}

/// `ffmpeg -v error -i file -f null -`: decodes everything; returns what it printed.
func decodeErrors(_ file: URL, in directory: Scratch) async throws -> String {
    let result = try await run("ffmpeg", ["-v", "error", "-nostdin", "-i", file.path, "-f", "null", "-"], in: directory)
    return result.stderr + (result.status == 0 ? "" : "exit status \(result.status)")
}

/// The luma of one row of the first frame of `file`, as bytes.
func firstFrameLumaRow(_ file: URL, row: Int, width: Int, in directory: Scratch) async throws -> [UInt8] {
    let raw = directory.file("row-\(UUID().uuidString).gray")
    try await makeInput(
        ["-i", file.path, "-frames:v", "1", "-vf", "format=gray,crop=\(width):1:0:\(row)", "-f", "rawvideo", raw.path],
        in: directory)
    return Array(try Data(contentsOf: raw))
}

let fontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

/// A small house format for tests.
let smallHouse = HouseFormat(width: 320, height: 180, frameRate: Rational(24))

/// A title-card graph at `format`'s size and rate, its drawtext instance named `title`.
func titleCardGraph(_ format: HouseFormat, color: String = "0x223344") -> String {
    "color=c=\(color):s=\(format.width)x\(format.height):r=\(format.frameRate),"
        + "drawtext@title=fontfile=\(fontFile):text=x:fontcolor=white:fontsize=20:x=(w-tw)/2:y=(h-th)/2"
}

/// One title-card segment per entry of `frames` (that many frames each, colours in turn,
/// titled "Shot 1", "Shot 2", …) rendered into `directory`, as segments to join.
func titleCardSegments(_ frames: [Int], in directory: Scratch, format: HouseFormat = smallHouse) throws -> [URL] {
    let colors = ["red", "green", "blue", "yellow", "white"]
    return try frames.enumerated().map { index, count in
        let url = directory.file("segment-\(index).mp4")
        try FilterGraphRenderer(format: format).render(
            graph: titleCardGraph(format, color: colors[index % colors.count]), frames: count,
            filterOptions: ["title": FilterGraphRenderer.literalText("Shot \(index + 1)")], to: url)
        return url
    }
}
