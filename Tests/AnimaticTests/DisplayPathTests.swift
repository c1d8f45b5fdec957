import Foundation
import Project
import Testing
import TestSupport

/// Paths shown in messages are cut on their text (`DisplayPath`): Foundation's
/// `NSString.deletingLastPathComponent` traps on a relative path of one short component,
/// which made `animatic check x` and `animatic check .` crash (SIGILL) before they read
/// anything.
@Suite("display paths")
struct DisplayPathTests {
    @Test func theFolderIsWhatNSStringGivesWhereItGivesOne() {
        // Inputs NSString handles, with its answers.
        let cases = ["a/b": "a", "film.fountain": "", "/": "/", "./x": ".", "x/.": "x", "..": "", "a/..": "a",
                     "/a": "/", "/a/b": "/a", "ab/": "", "dir/sub/film.fountain": "dir/sub", "a//b": "a"]
        for (path, folder) in cases {
            #expect(DisplayPath.folder(of: path) == folder, "\(path)")
            #expect((path as NSString).deletingLastPathComponent == folder, "\(path): NSString")
        }
        // Inputs NSString traps on.
        for path in ["x", ".", "a/", "./"] { #expect(DisplayPath.folder(of: path) == "", "\(path)") }
        #expect(DisplayPath.sibling(named: "film.review.yaml", of: "film.fountain") == "film.review.yaml")
        #expect(DisplayPath.sibling(named: "animatic.yaml", of: "dir/film.fountain") == "dir/animatic.yaml")
        #expect(DisplayPath.sibling(named: "animatic.yaml", of: "/film.fountain") == "/animatic.yaml")
    }

    @Test func aScriptWithAOneLetterNameAndTheCurrentFolderAreCheckedNotCrashedOn() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("INT. ROOM - DAY\n\nShe waits.\n".utf8).write(to: directory.appendingPathComponent("x"))
        for arguments in [["check", "x"], ["check", "--", "x"], ["plan", "x", "--audio", "none"]] {
            let result = try await CommandRunner.run(arguments, in: directory)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let folder = try await CommandRunner.run(["check", "."], in: directory)
        #expect(folder.status == 66, "\(folder.stderr)")
        #expect(folder.stderr.contains(".: is a directory, not a script"), "\(folder.stderr)")
    }
}
