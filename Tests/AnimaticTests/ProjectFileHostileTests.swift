import Animatic
import Foundation
import Screenplay
import Testing

/// Project files written to hurt (issue 11): secrets in syntax errors, credentials in URLs,
/// and YAML alias and merge-key bombs.
@Suite struct ProjectFileHostileTests {
    static func errors(_ text: String, as name: String) -> [String] {
        ProjectFileTests.errors(text, as: name)
    }

    @Test(arguments: [
        "api_key = sk-test-SECRET123\n",
        "token = [sk-test-SECRET123\n",
        "[backend.dashscope]\napi_key = sk-test-SECRET123 # mine\n",
        "backend.dashscope.password = {sk-test-SECRET123\n",
    ])
    func anUnquotedSecretIsNeverPrinted(text: String) {
        let errors = Self.errors(text, as: "animatic.toml")
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { !$0.contains("SECRET123") && !$0.contains("sk-") }, "\(errors)")
        #expect(errors.first?.contains("looks like a secret") == true, "\(errors)")
    }

    @Test func aPasswordInsideAURLIsRefusedAndNotPrinted() {
        for (text, name) in [
            ("[backend.dashscope]\nurl = \"https://me:hunter2@dashscope.example/api\"\n", "animatic.toml"),
            ("backend:\n  comfyui:\n    urls: [\"http://gpu:8188\", \"http://admin:hunter2@gpu2:8188\"]\n", "animatic.yaml"),
            ("backend:\n  comfyui:\n    urls: [\"ftp://x:hunter2@@\"]\n", "animatic.yaml"),
        ] {
            let errors = Self.errors(text, as: name)
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.allSatisfy { !$0.contains("hunter2") }, "\(errors)")
        }
        #expect(Self.errors("[backend.dashscope]\nurl = \"https://me:hunter2@dashscope.example/api\"\n", as: "animatic.toml")
            .first?.contains("holds a user name or password") == true)
    }

    /// Nine levels of ten aliases: a billion values once expanded.
    static let aliasBomb = (["a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        + (1..<10).map { level in "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]" }
        + ["size: *a9"]).joined(separator: "\n") + "\n"

    /// The same under a key of a table, and as merge keys.
    static let mergeBomb = (["b0: &b0 {k0: 1, k1: 2, k2: 3, k3: 4, k4: 5, k5: 6, k6: 7, k7: 8, k8: 9, k9: 10}"]
        + (1..<10).flatMap { level in ["b\(level): &b\(level)"] + (0..<10).map { "  m\($0): {<<: *b\(level - 1)}" } })
        .joined(separator: "\n") + "\n"

    @Test(.timeLimit(.minutes(1)), arguments: [aliasBomb, mergeBomb, "backend:\n  comfyui:\n" + aliasBomb.split(separator: "\n").dropLast().map { "    " + $0 }.joined(separator: "\n") + "\n"])
    func aliasBombsStopAtTheFirstAlias(text: String) {
        let errors = Self.errors(text, as: "animatic.yaml")
        #expect(errors.count == 1, "\(errors.prefix(3))")
        #expect(errors.first?.hasPrefix("animatic.yaml:2:") == true || errors.first?.hasPrefix("animatic.yaml:3:") == true
            || errors.first?.hasPrefix("animatic.yaml:4:") == true, "\(errors.prefix(3))")
        #expect(errors.first?.contains("aliases and merge keys are not supported") == true, "\(errors.prefix(3))")
    }

    @Test func nestedTablesAndListsWithoutAliasesStillRead() {
        let text = "backend:\n  kind: comfyui\n  comfyui:\n    urls:\n      - http://a:8188\n      - http://b:8188\ncutlists: [edl, srt]\n"
        #expect(Self.errors(text, as: "animatic.yaml") == [])
    }
}

@Suite struct DiagnosticFloodTests {
    @Test func aProjectFileOverAMebibyteIsOneError() {
        let text = (0..<120_000).map { "unknown_setting_\($0): 1" }.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > ProjectFile.maximumSize)
        let errors = ProjectFileTests.errors(text, as: "animatic.yaml")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("animatic.yaml:1:1: error: the project file is") == true, "\(errors)")
    }

    @Test func atMostFiftyDiagnosticsAreShownPerFileThenHowManyMore() {
        let text = (0..<500).map { "unknown_setting_\($0): 1" }.joined(separator: "\n") + "\n"
        let file = ProjectFileTests.read(text, as: "animatic.yaml")
        #expect(file.diagnostics.count == 500)
        let lines = DiagnosticReport.render(file.diagnostics, path: "animatic.yaml").split(separator: "\n")
        #expect(lines.filter { $0.contains(": error: ") }.count == DiagnosticReport.shownPerFile)
        #expect(lines.suffix(2) == ["animatic.yaml: note: and 450 more not shown", "500 errors, 0 warnings in animatic.yaml"])
    }
}

@Suite struct PatienceSettingTests {
    @Test func backendPatienceIsReadInSecondsWithinItsRange() {
        #expect(ProjectFileTests.read("backend:\n  patience: 90\n", as: "animatic.yaml").settings.patience == 90)
        #expect(ProjectFileTests.read("[backend]\npatience = 2.5\n", as: "animatic.toml").settings.patience == 2.5)
        #expect(ProjectFileTests.errors("backend:\n  patience: -1\n", as: "animatic.yaml").first?
            .contains("'backend.patience' must be from 0 to 86,400 seconds") == true)
    }
}

@Suite struct MaxDownloadSettingTests {
    @Test func backendMaxDownloadIsReadInBytesOrWithAUnit() {
        let yaml = { (value: String) in ProjectFileTests.read("backend:\n  max_download: \(value)\n", as: "animatic.yaml") }
        #expect(yaml("2147483648").settings.maxDownload == 2 << 30)
        #expect(yaml("8 MiB").settings.maxDownload == 8 << 20)
        #expect(yaml("1.5GB").settings.maxDownload == 1_500_000_000)
        #expect(ProjectFileTests.read("[backend]\nmax_download = \"512 kib\"\n", as: "animatic.toml").settings.maxDownload == 512 << 10)
        #expect(ProjectFileTests.errors("backend:\n  max_download: 2 gallons\n", as: "animatic.yaml").first?
            .contains("'backend.max_download' must be a number of bytes, such as 2147483648 or \"2 GiB\"") == true)
        #expect(ProjectFileTests.errors("backend:\n  max_download: 12\n", as: "animatic.yaml").first?
            .contains("'backend.max_download' must be from 1 KiB to 1 TiB") == true)
        #expect(ProjectFileTests.errors("backend:\n  max_download: true\n", as: "animatic.yaml").first?
            .contains("'backend.max_download' must be a number of bytes, not a boolean") == true)
    }
}
