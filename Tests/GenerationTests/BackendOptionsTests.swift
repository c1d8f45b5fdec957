import Foundation
import Media
import Testing

@testable import Generation
import TestSupport

@Suite struct BackendOptionsTests {
    @Test func eachKindMakesItsBackend() throws {
        let scratch = try Scratch()
        let workflow = scratch.file("workflow.json")
        try Data(#"{"6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{prompt}"}}}"#.utf8).write(to: workflow)
        let options: [BackendOptions] = [
            BackendOptions(),
            BackendOptions(kind: .command, commandTemplate: "render --out {output}"),
            BackendOptions(kind: .dashscope),
            BackendOptions(
                kind: .comfyui,
                comfyUIURLs: [URL(string: "http://127.0.0.1:8188")!, URL(string: "http://127.0.0.1:8189")!],
                comfyUIWorkflow: workflow),
        ]
        let made = try options.map { try $0.makeGenerator(cacheDirectory: scratch.url) }
        #expect(made.map(\.name) == ["cards", "command", "dashscope", "comfyui"])
        #expect(made[2].capabilities.maxParallelJobs == 2)
        #expect(made[3].capabilities.maxParallelJobs == 2)
        #expect(made[3].inputFiles == [workflow])
        #expect((made[2] as? DashScopeGenerator)?.baseURL == DashScopeGenerator.defaultBaseURL)
    }

    @Test func aWanTemplateGetsTheWanProfile() throws {
        let options = BackendOptions(
            kind: .command,
            commandTemplate: "python3 generate.py --task ti2v-5B --size {width}*{height} --save_file {output}")
        let made = try options.makeGenerator(cacheDirectory: URL(fileURLWithPath: "/tmp"))
        #expect(made.capabilities.sizes == WanTask.ti2v5B.sizes)
        #expect(made.capabilities.frameRates == [Rational(24)])
        #expect(made.capabilities.longestClipMilliseconds == 5041)
        #expect((made as? CommandGenerator)?.profile.frameCount == .fourNPlusOne)
    }

    @Test(arguments: [
        (BackendOptions(kind: .command), "--command-template"),
        (BackendOptions(kind: .comfyui, comfyUIWorkflow: URL(fileURLWithPath: "/w.json")), "--comfyui-url"),
        (BackendOptions(kind: .comfyui, comfyUIURLs: [URL(string: "http://127.0.0.1:8188")!]), "--comfyui-workflow"),
        (
            BackendOptions(
                kind: .comfyui, comfyUIURLs: [URL(string: "http://127.0.0.1:8188")!],
                comfyUIWorkflow: URL(fileURLWithPath: "/no/such/workflow.json")), "/no/such/workflow.json"
        ),
    ])
    func aMissingFlagOrFileIsAPermanentError(options: BackendOptions, mentions: String) {
        #expect {
            try options.makeGenerator(cacheDirectory: URL(fileURLWithPath: "/tmp"))
        } throws: { error in
            guard let error = error as? BackendError else { return false }
            return error.isPermanent && error.description.contains(mentions)
        }
    }
}
