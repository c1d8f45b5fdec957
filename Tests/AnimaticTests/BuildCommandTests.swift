import Animatic
import Foundation
import Generation
import Media
import Testing

@Suite("animatic build: the command")
struct BuildCommandTests {
    /// A longer script (the coffee-shop sample), so that a build runs long enough to stop.
    static let longScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../samples/coffee-shop.fountain").standardizedFileURL

    private func project(_ text: String? = nil) throws -> BuildProject {
        try BuildProject(script: text ?? String(decoding: try Data(contentsOf: Self.longScript), as: UTF8.self))
    }

    /// Starts `animatic build` on the project's script, output to the null device.
    private func start(_ project: BuildProject, _ extra: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["build", project.script.path, "--size", "640x360", "--jobs", "1", "--quiet"] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until the cache holds a finished clip with its digest recorded (a clip renamed
    /// into place whose digest is not yet written is rightly made again) and a clip being
    /// written. Blocks the thread on purpose: a poller on a busy cooperative pool could miss
    /// the moment.
    private func waitForGeneration(_ project: BuildProject, _ process: Process) {
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            let files = FileManager.default.enumerator(atPath: project.cache.path)?.allObjects as? [String] ?? []
            // A clip being written, not a digest being recorded (`….mp4.sha256.partial-…`).
            let recorded = project.cachedClips().contains { files.contains("clips/\($0).sha256") }
            if files.contains(where: { $0.contains(".mp4.partial-") }), recorded { return }
            usleep(1000)
        }
        Issue.record("the build never had a clip in progress")
    }

    @Test func aKilledBuildIsFollowedByOneThatTrustsNoPartialFile() async throws {
        let project = try project()
        let process = try start(project)
        waitForGeneration(project, process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        let finished = Set(project.cachedClips().map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".mp4", with: "") })

        let result = try await CommandRunner.run(["build", project.script.path, "--size", "640x360", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
        #expect(report.failed == 0 && report.reused > 0 && report.generated > 0)
        #expect(report.segments.filter { $0.status == .reused }.allSatisfy { finished.contains($0.key.rawValue) })
        #expect(report.segments.filter { !finished.contains($0.key.rawValue) }.allSatisfy { $0.status == .generated })
        #expect(project.partialFiles().isEmpty)
        #expect(try Probe.packetCount(project.output) == report.totalFrames)
        #expect(try await ffprobeFrameCount(project.output) == report.totalFrames)
    }

    @Test func anInterruptStopsCleanlyWithExitStatus130() throws {
        let project = try project()
        let process = try start(project)
        waitForGeneration(project, process)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.report.json").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.directory.path)
            .filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)
        #expect(project.partialFiles().isEmpty)
        #expect(!project.cachedClips().isEmpty, "finished segments stay cached")
    }

    @Test func aTerminateSignalExits143() throws {
        let project = try project()
        let process = try start(project)
        waitForGeneration(project, process)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 143)
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
    }

    @Test func scriptErrorsExit65BeforeAnyWork() async throws {
        let project = try project("INT. A - DAY\n\n[[shot: CU; duration: soon]]\nx\n")
        let result = try await CommandRunner.run(["build", project.script.path, "--size", "160x90"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(project.script.path):3:23: error:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.directory.path) == ["film.fountain"])
    }

    @Test func badOptionsAreUsageErrors() async throws {
        let project = try project(buildScript)
        for options in [["--size", "161x90"], ["--fps", "30"], ["--jobs", "0"]] {
            let result = try await CommandRunner.run(["build", project.script.path] + options)
            #expect(result.status == 64, "\(options)")
        }
    }

    @Test func writesTheNamedOutputsAndADepfile() async throws {
        let project = try project(buildScript)
        let out = project.directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try await CommandRunner.run(
            ["build", "film.fountain", "-o", "out/my film.mp4", "--size", "160x90", "--depfile", "out/film.d",
             "--cache-dir", "cache"],
            in: project.directory)
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["my film.mp4", "my film.plan.json", "my film.report.json", "my film.media", "film.d"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("cache/clips").path))
        let depfile = try String(contentsOf: out.appendingPathComponent("film.d"), encoding: .utf8)
        #expect(depfile.hasPrefix("out/my\\ film.mp4: \\\n film.fountain"))
        #expect(depfile.contains(CardFonts.dejaVuRegular) && depfile.contains(CardFonts.dejaVuBold))
        #expect(result.stderr.contains("wrote out/my film.mp4"))
    }

    @Test func quietPrintsNothingAndVerboseListsSegments() async throws {
        let project = try project(buildScript)
        let quiet = try await CommandRunner.run(["build", project.script.path, "--size", "160x90", "--quiet", "--cache-dir", "a"],
                                          in: project.directory)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
        try FileManager.default.removeItem(at: project.output)
        let verbose = try await CommandRunner.run(
            ["build", project.script.path, "--size", "160x90", "--verbose", "--cache-dir", "b"], in: project.directory)
        #expect(verbose.status == 0)
        // The first build's report knows 1A-1's key; the empty cache "b" does not have it.
        #expect(verbose.stderr.contains("1A-1: generated (cache entry missing)"))
        #expect(verbose.stderr.contains("planned "))
        let again = try await CommandRunner.run(
            ["build", project.script.path, "--size", "160x90", "--verbose", "--cache-dir", "b"], in: project.directory)
        #expect(again.stderr.contains("1A-1: cached"))
        #expect(again.stderr.contains("is up to date"))
        // A no-op writes nothing, so it says it wrote nothing (it once named every cut list).
        #expect(!again.stderr.contains("wrote"), "\(again.stderr)")
    }
}
