// media-bench: times the Media layer against the `ffmpeg` program doing the same work.
//
//   swift run -c release --scratch-path .build-media media-bench [--runs N] [--segments N]
//
// 1. FilterGraphRenderer vs `ffmpeg -f lavfi -i GRAPH` with the same libx264 settings.
// 2. TrackMuxer joining segments (no other track) vs `ffmpeg -f concat -safe 0 -i list -c copy` on the same conformed segments.
// Each timing is the best of --runs runs; ratios above 1 mean Media is faster.
import Foundation
import Media

struct Options {
    var runs = 3
    var segments = 200
    var renderFrames = 480
    var segmentFrames = 48

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next().flatMap(Int.init), value > 0 else {
                fail("usage: media-bench [--runs N] [--segments N] [--render-frames N] [--segment-frames N]")
            }
            switch argument {
            case "--runs": runs = value
            case "--segments": segments = value
            case "--render-frames": renderFrames = value
            case "--segment-frames": segmentFrames = value
            default: fail("unknown option \(argument)")
            }
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("media-bench: \(message)\n".utf8))
    exit(1)
}

/// Runs `ffmpeg` with `arguments`; fails the benchmark if it fails.
func ffmpeg(_ arguments: [String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["ffmpeg", "-v", "error", "-nostdin", "-y"] + arguments
    do { try process.run() } catch { fail("cannot run ffmpeg: \(error)") }
    process.waitUntilExit()
    if process.terminationStatus != 0 { fail("ffmpeg \(arguments.joined(separator: " ")) failed") }
}

/// The best wall-clock time of `runs` runs of `body`, in seconds.
func bestTime(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }

let options = Options(Array(CommandLine.arguments.dropFirst()))
let house = HouseFormat(width: 640, height: 360, frameRate: Rational(24))
let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("media-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

// 1. Rendering a filter graph.
let graph = "testsrc2=s=640x360:r=24,drawtext=fontfile=\(font):text=Benchmark:fontsize=36:fontcolor=white:x=20:y=20"
let ours = directory.appendingPathComponent("render-media.mp4")
let theirs = directory.appendingPathComponent("render-ffmpeg.mp4")
let renderer = FilterGraphRenderer(format: house)
let renderMedia = try bestTime(runs: options.runs) {
    try renderer.render(graph: graph, frames: options.renderFrames, to: ours)
}
let renderFFmpeg = bestTime(runs: options.runs) {
    ffmpeg([
        "-f", "lavfi", "-i", graph, "-frames:v", "\(options.renderFrames)",
        "-c:v", HouseFormat.encoderName, "-preset", HouseFormat.preset, "-crf", "\(HouseFormat.crf)", "-bf", "0",
        "-g", "\(house.keyframeInterval)", "-keyint_min", "\(house.keyframeInterval)", "-sc_threshold", "0",
        "-rc-lookahead", "\(HouseFormat.lookahead)", "-threads", "\(HouseFormat.encoderThreads)", "-pix_fmt", HouseFormat.pixelFormatName,
        "-fflags", "+bitexact", "-flags", "+bitexact", theirs.path,
    ])
}
let renderedFrames = (try Probe.packetCount(ours), try Probe.packetCount(theirs))
guard renderedFrames.0 == options.renderFrames, renderedFrames.1 == options.renderFrames else {
    fail("frame counts differ: Media \(renderedFrames.0), ffmpeg \(renderedFrames.1)")
}
let (oursBytes, theirsBytes) = (try Data(contentsOf: ours), try Data(contentsOf: theirs))
let differingBytes =
    oursBytes.count == theirsBytes.count ? zip(oursBytes, theirsBytes).filter { $0 != $1 }.count : nil
print("render \(options.renderFrames) frames 640x360 (testsrc2 + drawtext, libx264 \(HouseFormat.preset)):")
print("  Media FilterGraphRenderer \(format(renderMedia))  \(Int(Double(options.renderFrames) / renderMedia)) fps")
print("  ffmpeg program            \(format(renderFFmpeg))  \(Int(Double(options.renderFrames) / renderFFmpeg)) fps")
print("  fps ratio Media/ffmpeg: \(String(format: "%.2f", renderFFmpeg / renderMedia))"
    + "  (files: \(oursBytes.count) and \(theirsBytes.count) bytes, "
    + (differingBytes.map { "\($0) differing bytes" } ?? "sizes differ") + ")")

// 2. Joining conformed segments by remux.
let segmentRenderer = FilterGraphRenderer(format: house)
let segments = (0..<options.segments).map { directory.appendingPathComponent(String(format: "segment-%04d.mp4", $0)) }
try await withThrowingTaskGroup(of: Void.self) { group in
    for (index, segment) in segments.enumerated() {
        if index >= 2 { try await group.next() }
        group.addTask {
            try await segmentRenderer.render(
                graph: "color=c=0x\(String(format: "%06x", index * 2_654_435 % 0xffffff)):s=640x360:r=24,"
                    + "drawtext@n=fontfile=\(font):text=x:fontsize=48:fontcolor=white:x=40:y=40",
                frames: options.segmentFrames, filterOptions: ["n": FilterGraphRenderer.literalText("Shot \(index + 1)")],
                to: segment)
        }
    }
    try await group.waitForAll()
}
let list = directory.appendingPathComponent("list.txt")
try segments.map { "file '\($0.path)'\n" }.joined().write(to: list, atomically: true, encoding: .utf8)
let joinedMedia = directory.appendingPathComponent("joined-media.mp4")
let joinedFFmpeg = directory.appendingPathComponent("joined-ffmpeg.mp4")
let joinMedia = try bestTime(runs: options.runs) {
    try TrackMuxer(format: house).mux(
        segments: segments, frames: Array(repeating: options.segmentFrames, count: segments.count), tracks: ExtraTracks(),
        to: joinedMedia)
}
let joinFFmpeg = bestTime(runs: options.runs) {
    ffmpeg(["-f", "concat", "-safe", "0", "-i", list.path, "-c", "copy", joinedFFmpeg.path])
}
let expected = options.segments * options.segmentFrames
let joinedFrames = (try Probe.packetCount(joinedMedia), try Probe.packetCount(joinedFFmpeg))
guard joinedFrames.0 == expected, joinedFrames.1 == expected else {
    fail("joined frame counts differ from \(expected): Media \(joinedFrames.0), ffmpeg \(joinedFrames.1)")
}
print("join \(options.segments) segments of \(options.segmentFrames) frames by remux:")
print("  Media TrackMuxer          \(format(joinMedia))")
print("  ffmpeg -f concat -c copy  \(format(joinFFmpeg))")
print("  speed ratio Media/ffmpeg: \(String(format: "%.2f", joinFFmpeg / joinMedia))")
