@testable import Animatic
import Foundation
import Generation
import Planning
import Testing
import TestSupport

/// `make demo` (scripts/demo.sh) and the sample project (`make -C samples`) build the same
/// scripts at the same settings: they must share one clip cache, or the second renders
/// everything again. Both are run with a stand-in `animatic` that records its arguments.
@Suite("make demo and make -C samples")
struct SampleProjectTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each `build` the stand-in was asked for, as (working directory, arguments).
    private func builds(running program: String, _ arguments: [String], environment: [String: String], log: URL) async throws
        -> [(directory: String, arguments: [String])]
    {
        var make = Program(onPath: program, arguments)
        make.environment = environment
        make.directory = Self.repository
        make.stdout = .discard
        make.stderr = .discard
        #expect(try await make.run().status == 0, "\(program) \(arguments)")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return fields.count > 1 && fields[1] == "build" ? (fields[0], Array(fields.dropFirst())) : nil
        }
    }

    /// The cache a build uses: `--cache-dir`, else `.animatic-cache` beside the script.
    private func cache(of build: (directory: String, arguments: [String])) -> String {
        let base = URL(fileURLWithPath: build.directory)
        if let flag = build.arguments.firstIndex(of: "--cache-dir"), flag + 1 < build.arguments.count {
            return URL(fileURLWithPath: build.arguments[flag + 1], relativeTo: base).standardizedFileURL.path
        }
        let script = URL(fileURLWithPath: build.arguments[1], relativeTo: base)
        return script.deletingLastPathComponent().appendingPathComponent(".animatic-cache").standardizedFileURL.path
    }

    @Test func theDemoAndTheSampleProjectShareOneCache() async throws {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appendingPathComponent("calls.log")
        let fake = scratch.appendingPathComponent("animatic")
        try Data("#!/bin/sh\n(pwd; printf '\\t%s' \"$@\"; echo) | tr -d '\\n' >> '\(log.path)'; echo >> '\(log.path)'\n".utf8)
            .write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)

        let demo = try await builds(
            running: "scripts/demo.sh", [],
            environment: ["ANIMATIC": fake.path, "OUT": scratch.appendingPathComponent("demo").path], log: log)
        let samples = try await builds(
            running: "make",
            ["-s", "-C", "samples", "ANIMATIC=\(fake.path)", "OUT=\(scratch.appendingPathComponent("samples").path)",
             "\(scratch.path)/samples/coffee-shop.mp4"],
            environment: [:], log: log)
        let demoBuild = try #require(demo.first)
        let sampleBuild = try #require(samples.first)
        #expect(cache(of: demoBuild) == cache(of: sampleBuild), "\(demoBuild) vs \(sampleBuild)")
        #expect(cache(of: demoBuild) == Self.repository.appendingPathComponent("samples/.animatic-cache").standardizedFileURL.path)
    }
}

/// The README's picture is the contact sheet the program draws for the demo (`make
/// docs-images` copies it from a build of the demo): a page laid out for the demo's shots
/// at the demo's size. (Comparing pixels would mean rendering the demo at 1280x720 in the
/// suite.)
@Suite("docs/images/contact-sheet.png")
struct DocsImageTests {
    @Test func theREADMEPictureIsLaidOutAsTheDemoContactSheet() throws {
        let script = SampleProjectTests.repository.appendingPathComponent("samples/coffee-shop.fountain")
        let compilation = Compilation(try ScriptInput.read(script.path), configuration: PlanConfiguration())
        let thumbnail = Thumbnails.size(for: FrameSize(width: 1280, height: 720))
        let page = ContactSheetExport.layout(thumbnail: thumbnail).size(for: compilation.plan.shots.count)
        let png = try Data(contentsOf: SampleProjectTests.repository.appendingPathComponent("docs/images/contact-sheet.png"))
        try #require(png.count > 24 && png[12..<16] == Data("IHDR".utf8))
        func integer(_ range: Range<Int>) -> Int { png[range].reduce(0) { $0 << 8 | Int($1) } }
        #expect(integer(16..<20) == page.width && integer(20..<24) == page.height,
                "docs/images/contact-sheet.png is not the demo's contact sheet: run make docs-images")
    }
}
