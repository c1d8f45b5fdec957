import Animatic
import CutLists
import Foundation
import Generation
import Planning
import Screenplay
import Testing

/// The project file's loader: both formats, the schema, and its errors.
@Suite("project file: reading")
struct ProjectFileTests {
    static let directory = URL(fileURLWithPath: "/studio/film", isDirectory: true)

    static let yaml = """
        # every setting
        size: 640x360
        fps: 23.976
        jobs: 3
        cache_dir: ../cache
        cutlists: [edl, fcpxml, otio]
        edl_flavor: avid
        style: charcoal sketch
        takes: 3
        styles: [noir, pastel]
        seed: 42
        negative: "blurry, text"
        max_segment: 5
        prompt_language: zh
        dialogue_wpm: 150
        chinese_cpm: 240
        min_shot: 1.5
        establishing_exteriors: false
        backend:
          kind: comfyui
          command:
            template: [python3, gen.py, --prompt, "{prompt}", --title, "a 'quoted' word", --out, "{output}"]
          dashscope:
            url: https://dashscope.aliyuncs.com
          comfyui:
            urls: [http://127.0.0.1:8188, "http://gpu2:8188"]
            workflow: workflows/wan22.json
        """

    static let toml = #"""
        # every setting
        size = "640x360"
        fps = 23.976
        jobs = 3
        cache_dir = '../cache'
        cutlists = ["edl", "fcpxml", "otio"]
        edl_flavor = "avid"
        style = "charcoal sketch"
        takes = 3
        styles = ["noir", "pastel"]
        seed = 42
        negative = "blurry, text"
        max_segment = 5
        prompt_language = "zh"
        dialogue_wpm = 150
        chinese_cpm = 240
        min_shot = 1.5
        establishing_exteriors = false

        [backend]
        kind = "comfyui"
        command.template = [
            "python3", "gen.py", "--prompt", "{prompt}",
            "--title", "a 'quoted' word",  # kept as one argument
            "--out", "{output}",
        ]
        dashscope = { url = "https://dashscope.aliyuncs.com" }

        [backend.comfyui]
        urls = ["http://127.0.0.1:8188", "http://gpu2:8188"]
        workflow = "workflows/wan22.json"
        """#

    static func read(_ text: String, as name: String) -> ProjectFile {
        ProjectFile.parse(Data(text.utf8), url: directory.appendingPathComponent(name), displayPath: name)
    }

    /// The file's errors as printed.
    static func errors(_ text: String, as name: String) -> [String] {
        read(text, as: name).diagnostics.map { $0.formatted(path: name) }
    }

    @Test func bothFormatsReadIntoTheSameSettings() throws {
        let yaml = Self.read(Self.yaml, as: "animatic.yaml")
        let toml = Self.read(Self.toml, as: "animatic.toml")
        #expect(yaml.diagnostics.isEmpty, "\(yaml.diagnostics)")
        #expect(toml.diagnostics.isEmpty, "\(toml.diagnostics)")
        #expect(yaml.settings == toml.settings)

        let settings = yaml.settings
        #expect(settings.size == FrameSize(width: 640, height: 360))
        #expect(settings.frameRate == .filmNTSC)
        #expect(settings.jobs == 3)
        #expect(settings.cacheDirectory?.path == "/studio/cache")
        #expect(settings.cutLists == [.edl, .fcpxml, .otio])
        #expect(settings.edlFlavor == .avid)
        #expect(settings.style == "charcoal sketch")
        #expect(settings.takes == 3 && settings.styles == ["noir", "pastel"])
        #expect(settings.seed == 42)
        #expect(settings.negative == "blurry, text")
        #expect(settings.maxSegment == 5)
        #expect(settings.promptLanguage == .chinese)
        #expect(settings.dialogueWordsPerMinute == 150)
        #expect(settings.chineseCharactersPerMinute == 240)
        #expect(settings.minimumShot == 1.5)
        #expect(settings.establishingExteriors == false)
        #expect(settings.backend == .comfyui)
        #expect(settings.commandTemplate?.arguments == [
            "python3", "gen.py", "--prompt", "{prompt}", "--title", "a 'quoted' word", "--out", "{output}",
        ])
        #expect(settings.dashScopeURL == URL(string: "https://dashscope.aliyuncs.com"))
        #expect(settings.comfyUIURLs == [URL(string: "http://127.0.0.1:8188")!, URL(string: "http://gpu2:8188")!])
        #expect(settings.comfyUIWorkflow?.path == "/studio/film/workflows/wan22.json")
    }

    @Test func anEmptyFileSetsNothing() {
        for (text, name) in [("", "animatic.yaml"), ("# nothing yet\n", "animatic.toml"), ("", "animatic.toml")] {
            let file = Self.read(text, as: name)
            #expect(file.diagnostics.isEmpty)
            #expect(file.settings == ProjectSettings())
        }
    }

    @Test func aTemplateStringIsSplitLikeShellWordsAndSurvivesTheRoundTrip() throws {
        let file = Self.read(
            "backend:\n  command:\n    template: \"python3 gen.py --title 'a b' --out {output}\"\n", as: "animatic.yaml")
        let template = try #require(file.settings.commandTemplate)
        #expect(template.arguments == ["python3", "gen.py", "--title", "a b", "--out", "{output}"])
        // The build hands the backend the template's quoted form: it must read back the same.
        let listed = try #require(Self.read(Self.yaml, as: "animatic.yaml").settings.commandTemplate)
        #expect(try CommandTemplate(parsing: listed.description).arguments == listed.arguments)
    }

    @Test func unknownKeysAreErrorsAtTheKeyWithASuggestion() {
        #expect(Self.errors("size: 640x360\nfsp: 25\n", as: "animatic.yaml") == [
            "animatic.yaml:2:1: error: unknown key 'fsp'\nanimatic.yaml:2:1: note: did you mean 'fps'?",
        ])
        #expect(Self.errors("backend:\n  kind: comfyui\n  comfyui:\n    urls: []\n    wrkflow: w.json\n", as: "animatic.yaml") == [
            "animatic.yaml:5:5: error: unknown key 'wrkflow' in 'backend.comfyui'\nanimatic.yaml:5:5: note: did you mean 'workflow'?",
        ])
        #expect(Self.errors("[backend]\nkind = \"cards\"\n  colour = \"red\"\n", as: "animatic.toml") == [
            "animatic.toml:3:3: error: unknown key 'colour' in 'backend'\nanimatic.toml:3:3: note: valid keys in 'backend': kind, patience, max_download, command, dashscope, comfyui, worker",
        ])
        #expect(Self.errors("[backend.comfyui]\nurls = []\nwrkflow = 'w.json'\n", as: "animatic.toml") == [
            "animatic.toml:3:1: error: unknown key 'wrkflow' in 'backend.comfyui'\nanimatic.toml:3:1: note: did you mean 'workflow'?",
        ])
        // A dotted key and an inline table: the error is at the unknown part.
        #expect(Self.errors("backend.comfyui.wrkflow = 'w.json'\n", as: "animatic.toml").first?
            .hasPrefix("animatic.toml:1:17: error: unknown key 'wrkflow' in 'backend.comfyui'") == true)
        #expect(Self.errors("backend = { kind = 'cards', knd = 'x' }\n", as: "animatic.toml").first?
            .hasPrefix("animatic.toml:1:29: error: unknown key 'knd' in 'backend'") == true)
        // A flag's spelling is suggested its key's.
        #expect(Self.errors("max-segment: 5\n", as: "animatic.yaml").first?.hasSuffix("1:1: note: did you mean 'max_segment'?") == true)
    }

    @Test func wrongTypesAndValuesAreErrorsAtTheValue() {
        #expect(Self.errors("jobs: four\n", as: "animatic.yaml") == ["animatic.yaml:1:7: error: 'jobs' must be an integer, not a string"])
        #expect(Self.errors("jobs = \"4\"\n", as: "animatic.toml") == ["animatic.toml:1:8: error: 'jobs' must be an integer, not a string"])
        #expect(Self.errors("\n[backend.comfyui]\nurls = \"http://a:8188\"\n", as: "animatic.toml") == [
            "animatic.toml:3:8: error: 'backend.comfyui.urls' must be a list, not a string",
        ])
        #expect(Self.errors("backend:\n  comfyui:\n    urls: [http://a:8188, ftp://b]\n", as: "animatic.yaml") == [
            "animatic.yaml:3:27: error: 'backend.comfyui.urls[1]' must be an http:// or https:// URL, not 'ftp://b'",
        ])
        #expect(Self.errors("jobs: 65\nfps: 30\nsize: 641x360\nedl_flavor: final-cut\n", as: "animatic.yaml") == [
            "animatic.yaml:1:7: error: 'jobs' must be from 1 to 64, not 65",
            "animatic.yaml:2:6: error: 'fps' must be 24, 25, 23.976 or 29.97, not 30",
            "animatic.yaml:3:7: error: 'size' must be WxH with positive even numbers, such as 1280x720, not '641x360'",
            "animatic.yaml:4:13: error: 'edl_flavor' must be one of avid, premiere, resolve, not 'final-cut'",
        ])
        #expect(Self.errors("cutlists = ['edl', 'avi']\n", as: "animatic.toml") == [
            "animatic.toml:1:12: error: 'cutlists': unknown cut list 'avi'; use edl, fcp7, fcpxml, otio, srt, csv, html, sheet or none",
        ])
        #expect(Self.errors("backend = 'comfyui'\n", as: "animatic.toml").first?
            .hasPrefix("animatic.toml:1:11: error: 'backend' must be a table of keys, not a string\n") == true)
        #expect(Self.errors("style:\n", as: "animatic.yaml").first?.hasPrefix("animatic.yaml:1:7: error: 'style' has no value\n") == true)
        #expect(Self.errors("- size\n", as: "animatic.yaml").first?
            .hasPrefix("animatic.yaml:1:1: error: a project file must be a table of keys, not a list\n") == true)
    }

    @Test func keysThatHoldSecretsAreRefusedWithoutTheirValue() {
        let secret = "sk-0123456789abcdef"
        let files = [
            ("backend:\n  dashscope:\n    api_key: \(secret)\n", "animatic.yaml", "animatic.yaml:3:5", "backend.dashscope.api_key"),
            ("dashscope_api_key = '\(secret)'\n", "animatic.toml", "animatic.toml:1:1", "dashscope_api_key"),
            ("[backend.comfyui]\ntoken = \"\(secret)\"\n", "animatic.toml", "animatic.toml:2:1", "backend.comfyui.token"),
            ("password: \(secret)\n", "animatic.yaml", "animatic.yaml:1:1", "password"),
            ("apiKey: \(secret)\n", "animatic.yaml", "animatic.yaml:1:1", "apiKey"),
        ]
        for (text, name, place, key) in files {
            let file = Self.read(text, as: name)
            let printed = DiagnosticReport.render(file.diagnostics, path: name)
            #expect(printed.hasPrefix("\(place): error: '\(key)' looks like a secret"), "\(printed)")
            #expect(printed.contains("set DASHSCOPE_API_KEY in the environment"))
            #expect(!printed.contains(secret))
            #expect(file.settings == ProjectSettings())
        }
        // Words that only contain a secret's name are not secrets.
        #expect(Self.errors("keep_going_monkey: 1\n", as: "animatic.yaml").first?.contains("unknown key") == true)
    }

    @Test func syntaxErrorsArePositionedAndDoNotQuoteTheLine() {
        let yaml = Self.errors("size: 640x360\nbackend:\n  kind: [cards\napi: \"sk-secret\n", as: "animatic.yaml")
        #expect(yaml.count == 1)
        #expect(yaml.first?.hasPrefix("animatic.yaml:4:") == true, "\(yaml)")
        #expect(yaml.first?.contains("sk-secret") == false)
        #expect(Self.errors("a: 1\na: 2\n", as: "animatic.yaml").first?.contains("defined twice") == true)
        #expect(Self.errors("size = 640x360\n", as: "animatic.toml") == [
            "animatic.toml:1:8: error: expected a value, found '640x360'\nanimatic.toml:1:8: note: a string needs quotes: \"640x360\"",
        ])
    }

    @Test func textThatIsNotUTF8IsAnErrorAtTheStart() {
        let file = ProjectFile.parse(
            Data([0x73, 0x69, 0x7A, 0x65, 0x3A, 0x20, 0xFF]), url: Self.directory.appendingPathComponent("animatic.yaml"),
            displayPath: "animatic.yaml")
        #expect(file.diagnostics.map { $0.formatted(path: "animatic.yaml") } == ["animatic.yaml:1:1: error: the project file is not UTF-8 text"])
    }

    /// The fenced blocks of docs/project-file.md with their language tags, in order.
    static func documentationBlocks() throws -> [(language: String, text: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/project-file.md").standardizedFileURL
        let parts = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "```")
        return stride(from: 1, to: parts.count, by: 2).map { index in
            let block = parts[index]
            let newline = block.firstIndex(of: "\n") ?? block.startIndex
            return (String(block[..<newline]), String(block[block.index(after: newline)...]))
        }
    }

    @Test func theDocumentationsExamplesReadAsItSays() throws {
        let blocks = try Self.documentationBlocks()
        let yaml = try #require(blocks.first { $0.language == "yaml" && $0.text.hasPrefix("# animatic.yaml") })
        let toml = try #require(blocks.first { $0.language == "toml" })
        let fromYAML = Self.read(yaml.text, as: "animatic.yaml")
        let fromTOML = Self.read(toml.text, as: "animatic.toml")
        #expect(fromYAML.diagnostics.isEmpty && fromTOML.diagnostics.isEmpty)
        #expect(fromYAML.settings == fromTOML.settings)
        #expect(fromYAML.settings.comfyUIURLs?.count == 2 && fromYAML.settings.commandTemplate?.arguments.count == 16)

        // The errors section: the file, then what `animatic build` prints for it.
        let index = try #require(blocks.firstIndex { $0.language == "yaml" && $0.text.contains("wrkflow") })
        let printed = blocks[index + 1].text.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
        let file = Self.read(blocks[index].text, as: "animatic.yaml")
        #expect(DiagnosticReport.render(file.diagnostics, path: "animatic.yaml") == printed)
    }
}
