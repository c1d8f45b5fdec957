import Foundation
import Testing

@testable import Generation
import TestServers
import TestSupport

/// The loopback DashScope server with the test key.
private func server() async throws -> TestServer {
    try await TestServer.start("dashscope_server.py", config: ["key": "sk-model-test"])
}

/// `model` pointed at `server`.
private func dashScope(_ server: TestServer, journal: URL, model: DashScopeModel) -> DashScopeGenerator {
    DashScopeGenerator(
        baseURL: server.url, model: model, journalDirectory: journal, pollInterval: .milliseconds(20), maxPolls: 500,
        requestTimeout: 10, sleeper: WaitRecorder().sleeper(realWait: .milliseconds(20)),
        environment: { [DashScopeGenerator.apiKeyVariable: "sk-model-test"] })
}

/// A 7-second request at 1280x720 with a long prompt.
private func longRequest() -> GenerationRequest {
    var request = backendRequests(1)[0]
    request.content.frames = 170
    request.format.width = 1280
    request.format.height = 720
    request.content.prompt = String(repeating: "a wide harbour at night ", count: 300)
    return request
}

@Suite struct BackendDashScopeModelTests {
    @Test func wan26TakesASizeAndIsAskedForNoSound() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        try await dashScope(server, journal: scratch.url, model: .wan26T2V).generate(longRequest(), to: scratch.file("a.mp4"))
        let body = try #require((try await server.stats()["bodies"] as? [[String: Any]])?.first)
        let parameters = try #require(body["parameters"] as? [String: Any])
        #expect(parameters["size"] as? String == "1280*720")
        #expect(parameters["resolution"] == nil)
        #expect(parameters["audio"] as? Bool == false)
        #expect(parameters["duration"] as? Int == 8)
        let prompt = try #require((body["input"] as? [String: Any])?["prompt"] as? String)
        #expect(prompt.count <= 1500 && prompt.count > 1400)
    }

    @Test func wan27TakesAResolutionAndARatioAndLongerPrompts() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        var request = longRequest()
        request.format.width = 720
        request.format.height = 1280
        try await dashScope(server, journal: scratch.url, model: .wan27T2V).generate(request, to: scratch.file("a.mp4"))
        let body = try #require((try await server.stats()["bodies"] as? [[String: Any]])?.first)
        let parameters = try #require(body["parameters"] as? [String: Any])
        #expect(parameters["size"] == nil)
        #expect(parameters["resolution"] as? String == "720P")
        #expect(parameters["ratio"] as? String == "9:16")
        let prompt = try #require((body["input"] as? [String: Any])?["prompt"] as? String)
        #expect(prompt.count <= 5000 && prompt.count > 4900)
    }

    @Test func theServerRefusesTheOldFieldsOnTheNewModelsForGood() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        // wan2.7 asked the wan2.6 way, with a size.
        var oldShape = DashScopeModel.wan27T2V
        oldShape.sizing = DashScopeModel.wan26T2V.sizing
        let error = await backendError {
            try await dashScope(server, journal: scratch.url, model: oldShape).generate(longRequest(), to: scratch.file("a.mp4"))
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.contains("parameters.size is not supported by wan2.7-t2v") == true, "\(String(describing: error))")
    }

    @Test func theTableSizesSegmentsAtMostTenSecondsAndPricesByClass() throws {
        let scratch = try Scratch()
        func backend(_ model: DashScopeModel) -> DashScopeGenerator {
            DashScopeGenerator(baseURL: URL(string: "http://127.0.0.1:1")!, model: model, journalDirectory: scratch.url)
        }
        #expect(backend(.wan22T2VPlus).capabilities.longestClipMilliseconds == 5000)
        #expect(backend(.wan26T2V).capabilities.longestClipMilliseconds == 10000)
        #expect(backend(.wan27T2V).capabilities.longestClipMilliseconds == 10000)
        #expect(DashScopeModel.table.map(\.name) == ["wan2.2-t2v-plus", "wan2.5-t2v-preview", "wan2.6-t2v", "wan2.7-t2v"])
        #expect(DashScopeModel.named("wan2.6-t2v") == .wan26T2V && DashScopeModel.named("wan9") == nil)
        #expect(backend(.wan26T2V).charge(for: longRequest()) == .hosted(priceKeys: ["wan2.6-t2v@720P", "wan2.6-t2v"], seconds: 8))
        #expect(backend(.wan22T2VPlus).charge(for: longRequest()) == .hosted(
            priceKeys: ["wan2.2-t2v-plus@1080P", "wan2.2-t2v-plus"], seconds: 5))
        let beijing = try BackendOptions(kind: .dashscope, dashScopeRegion: .beijing).makeGenerator(cacheDirectory: scratch.url)
        #expect((beijing as? DashScopeGenerator)?.baseURL == URL(string: "https://dashscope.aliyuncs.com"))
        let workspace = URL(string: "https://ws-1.ap-southeast-1.maas.aliyuncs.com")!
        let given = try BackendOptions(kind: .dashscope, dashScopeURL: workspace, dashScopeRegion: .beijing)
            .makeGenerator(cacheDirectory: scratch.url)
        #expect((given as? DashScopeGenerator)?.baseURL == workspace)
        let unknown = BackendOptions(kind: .dashscope, dashScopeModel: "wan2.6-t2x")
        #expect(throws: BackendError.self) { try unknown.makeGenerator(cacheDirectory: scratch.url) }
    }
}

@Suite struct BackendDashScopeContinuityTests {
    @Test func aWan26ContinuationStartsFromThePreviousLastFrameThroughWan26I2V() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.url, model: .wan26T2V)
        #expect(backend.capabilities.imageToVideo)
        // A real PNG: the loopback service checks the data URL's type, the service the pixels.
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)
        try png.write(to: scratch.file("last.png"))
        var request = longRequest()
        request.shotStartFrame = 170
        request.referenceImage = scratch.file("last.png")
        try await backend.generate(request, to: scratch.file("b.mp4"))
        let body = try #require((try await server.stats()["bodies"] as? [[String: Any]])?.first)
        #expect(body["model"] as? String == "wan2.6-i2v")
        let input = try #require(body["input"] as? [String: Any])
        #expect(input["img_url"] as? String == "data:image/png;base64," + png.base64EncodedString())
        let parameters = try #require(body["parameters"] as? [String: Any])
        #expect(parameters["resolution"] as? String == "720P" && parameters["size"] == nil)
        #expect(parameters["audio"] as? Bool == false)
        // The key names the continuation, not the image's bytes; a shot's first segment stays text-to-video.
        let key = String(decoding: try backend.keyMaterial(for: request), as: UTF8.self)
        #expect(key.contains("wan2.6-i2v") && key.contains("{reference}") && !key.contains("base64"))
        var first = request
        first.shotStartFrame = 0
        first.referenceImage = nil
        #expect(String(decoding: try backend.keyMaterial(for: first), as: UTF8.self).contains("\"model\":\"wan2.6-t2v\""))
    }
}

@Suite struct BackendDashScopeNewerContinuityTests {
    /// A PNG header and bytes: the loopback service checks the data URL's type.
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 9, count: 32)

    /// The body the server got for a continuation (frame 170 of its shot) of `model`.
    private func continuationBody(_ model: DashScopeModel) async throws -> [String: Any] {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        let backend = dashScope(server, journal: scratch.url, model: model)
        #expect(backend.capabilities.imageToVideo)
        try Self.png.write(to: scratch.file("last.png"))
        var request = longRequest()
        request.shotStartFrame = 170
        request.referenceImage = scratch.file("last.png")
        try await backend.generate(request, to: scratch.file("b.mp4"))
        return try #require((try await server.stats()["bodies"] as? [[String: Any]])?.first)
    }

    @Test func aWan27ContinuationGivesTheFrameAsFirstFrameMediaOfWan27I2V() async throws {
        let body = try await continuationBody(.wan27T2V)
        #expect(body["model"] as? String == "wan2.7-i2v")
        let input = try #require(body["input"] as? [String: Any])
        let media = try #require(input["media"] as? [[String: Any]])
        #expect(media.count == 1 && media[0]["type"] as? String == "first_frame")
        #expect(media[0]["url"] as? String == "data:image/png;base64," + Self.png.base64EncodedString())
        #expect(input["img_url"] == nil)
        let parameters = try #require(body["parameters"] as? [String: Any])
        #expect(parameters["resolution"] as? String == "720P" && parameters["ratio"] == nil && parameters["size"] == nil)
        #expect(parameters["duration"] as? Int == 8)
    }

    @Test func aWan25ContinuationGoesToWan25I2VPreviewAtItsLengths() async throws {
        let body = try await continuationBody(.wan25T2VPreview)
        #expect(body["model"] as? String == "wan2.5-i2v-preview")
        let input = try #require(body["input"] as? [String: Any])
        #expect((input["img_url"] as? String)?.hasPrefix("data:image/png;base64,") == true)
        let parameters = try #require(body["parameters"] as? [String: Any])
        // 7.1 s asks for 10: wan2.5-i2v-preview makes 5 or 10 s.
        #expect(parameters["duration"] as? Int == 10 && parameters["resolution"] as? String == "720P")
        let scratch = try Scratch()
        var continuation = longRequest()
        continuation.shotStartFrame = 170
        let backend = DashScopeGenerator(
            baseURL: URL(string: "http://127.0.0.1:1")!, model: .wan25T2VPreview, journalDirectory: scratch.url)
        #expect(backend.charge(for: continuation) == .hosted(
            priceKeys: ["wan2.5-i2v-preview@720P", "wan2.5-i2v-preview"], seconds: 10))
    }

    @Test func theServerRefusesEachProtocolsFieldsOnTheOther() async throws {
        let server = try await server()
        defer { server.stop() }
        let scratch = try Scratch()
        try Self.png.write(to: scratch.file("last.png"))
        var request = longRequest()
        request.shotStartFrame = 170
        request.referenceImage = scratch.file("last.png")
        // wan2.7-i2v asked the wan2.6 way (img_url), and wan2.6-i2v the wan2.7 way (media).
        var old = DashScopeModel.wan27T2V
        old.continuation?.firstFrame = .imageURL
        var new = DashScopeModel.wan26T2V
        new.continuation?.firstFrame = .media
        for (model, message) in [
            (old, "input.img_url is not supported by wan2.7-i2v; use input.media"),
            (new, "input.media is not supported by wan2.6-i2v; use input.img_url"),
        ] {
            let error = await backendError {
                try await dashScope(server, journal: scratch.url, model: model).generate(request, to: scratch.file("c.mp4"))
            }
            #expect(error?.isPermanent == true)
            #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        }
    }
}
