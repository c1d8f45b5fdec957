import Animatic
import Foundation
import Generation
import Planning
import TestSupport

/// A project directory for one build test: a script, and the build's outputs and cache
/// beside it. Removed when done.
final class BuildProject {
    let directory: URL
    var script: URL { directory.appendingPathComponent("film.fountain") }
    var output: URL { directory.appendingPathComponent("film.mp4") }
    var cache: URL { directory.appendingPathComponent(".animatic-cache") }

    init(script text: String) throws {
        directory = try temporaryDirectory()
        try write(text)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ text: String) throws {
        try Data(text.utf8).write(to: script)
    }

    /// Settings for a small, fast build.
    func settings(size: FrameSize = FrameSize(width: 160, height: 90), frameRate: FrameRate = .film) -> BuildSettings {
        BuildSettings(
            output: output, cacheDirectory: cache, size: size, planConfiguration: PlanConfiguration(frameRate: frameRate),
            jobs: 2)
    }

    func compile(_ settings: BuildSettings) throws -> Compilation {
        Compilation(try ScriptInput.read(script.path), configuration: settings.planConfiguration)
    }

    /// Builds in process and returns the compilation, the build plan made first, and the report.
    func build(_ settings: BuildSettings? = nil) async throws -> (Compilation, BuildPlan, BuildReport) {
        let settings = settings ?? self.settings()
        let compilation = try compile(settings)
        let builder = Builder(settings: settings)
        let buildPlan = try builder.buildPlan(for: compilation.plan)
        let report = try await builder.build(compilation.plan, scriptPath: script.path)
        return (compilation, buildPlan, report)
    }

    /// Every file under the cache whose name marks it temporary.
    func partialFiles() -> [String] {
        let files = FileManager.default.enumerator(atPath: cache.path)?.allObjects as? [String] ?? []
        return files.filter { $0.contains(".partial-") || $0.hasPrefix("tmp/") }
    }

    /// The cache's complete clips.
    func cachedClips() -> [String] {
        let files = FileManager.default.enumerator(atPath: cache.appendingPathComponent("clips").path)?.allObjects
            as? [String] ?? []
        return files.filter { $0.hasSuffix(".mp4") && !$0.contains(".partial-") }
    }
}

/// A short script: a still exterior, an interior with dialogue and a push-in, a second scene.
let buildScript = """
    Title: Test Film

    EXT. HARBOR - DAWN

    Fog rolls in over the water.

    INT. KITCHEN - NIGHT

    Anna sits at the table with a letter.

    ANNA
    They're selling the building.

    BEN
    I know.

    [[shot: CU Anna; move: push in; duration: 2s]]
    She folds the letter.

    """

/// Runs `program` from PATH and returns its standard output; throws unless it exits 0.
func runTool(_ program: String, _ arguments: [String]) async throws -> String {
    String(decoding: try await runToolData(program, arguments), as: UTF8.self)
}

/// Every frame of `video` decoded to packed RGB, one `width`×`height`×3 byte array a frame.
func rgbFrames(_ video: URL, width: Int, height: Int) async throws -> [[UInt8]] {
    let data = try await runToolData("ffmpeg", ["-v", "error", "-i", video.path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    let size = width * height * 3
    return stride(from: 0, to: data.count, by: size).map { Array(data[$0..<min($0 + size, data.count)]) }
}

/// The mean red, green and blue of a packed RGB frame.
func meanColour(_ frame: [UInt8]) -> (red: Double, green: Double, blue: Double) {
    var sums = [0, 0, 0]
    for (index, value) in frame.enumerated() { sums[index % 3] += Int(value) }
    let pixels = Double(max(frame.count / 3, 1))
    return (Double(sums[0]) / pixels, Double(sums[1]) / pixels, Double(sums[2]) / pixels)
}

/// Runs `program` from PATH and returns its standard output as bytes; throws unless it exits 0.
func runToolData(_ program: String, _ arguments: [String]) async throws -> Data {
    var tool = Program(onPath: program, arguments)
    tool.stderr = .discard
    return try await tool.output()
}

/// `ffprobe -count_frames`' count of the first video stream's frames.
func ffprobeFrameCount(_ video: URL) async throws -> Int? {
    let text = try await runTool(
        "ffprobe",
        ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0",
         video.path])
    return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
}
