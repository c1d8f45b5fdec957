import Foundation
import Generation
import Testing
import TestServers

/// `review --apply-notes --reviser`: a text model rewrites the prompt; its changes land in
/// the review file as prompt_add and prompt_remove. A local command, and DashScope's
/// OpenAI-compatible chat endpoint on loopback.
@Suite("review --apply-notes with a text model")
struct ReviserTests {
    static let review = "shots:\n  2A:\n    notes:\n      - text: she should hesitate at the door\n"
    static let key = "sk-reviser-loopback-52c1e7a9"

    /// `plan --json`'s first prompt of shot 2A.
    static func prompt(_ project: ReviewProject) async throws -> String {
        let shot = try await project.plannedShots()["2A"]
        return (shot?["segments"] as? [[String: Any]])?.first?["prompt"] as? String ?? ""
    }

    @Test func aCommandGetsTheNoteAndPromptAsJSONAndItsPromptBecomesTheRevision() async throws {
        let project = try ReviewProject(review: Self.review)
        let before = try await Self.prompt(project)
        let program = project.directory.appendingPathComponent("revise.py")
        try Data("""
            import json, sys
            request = json.load(sys.stdin)
            assert request["shot"] == "2A" and request["language"] == "en", request
            assert request["note"] == "she should hesitate at the door", request
            print(request["prompt"].replace("bursts in suddenly", "pauses at the door, then steps in"))
            """.utf8).write(to: program)
        let output = try await project.run(["review", "film.fountain", "--apply-notes", "--reviser", "command:python3 revise.py"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(project.review == Self.review.replacingOccurrences(of: "door\n", with: "door\n        applied: true\n") + """
                revise:
                  prompt_add: Anna pauses at the door, then steps in and drops her bag
                  prompt_remove: [Anna bursts in suddenly and drops her bag]

            """)
        let after = try await Self.prompt(project)
        #expect(before.contains("Anna bursts in suddenly and drops her bag."))
        #expect(!after.contains("suddenly") && after.contains("Anna pauses at the door, then steps in and drops her bag."))
    }

    @Test func aFailingCommandIsExit69AndTheFileIsUntouched() async throws {
        let project = try ReviewProject(review: Self.review)
        let output = try await project.run([
            "review", "film.fountain", "--apply-notes", "--reviser",
            "command:python3 -c 'import sys; sys.stderr.write(\"model offline\"); sys.exit(3)'",
        ])
        #expect(output.status == 69)
        #expect(output.stderr.contains("2A: command: revise 2A with python3 failed: exit status 3: model offline"))
        #expect(project.review == Self.review)
    }

    @Test func dashScopeChatRevisesOverLoopbackAndNeverShowsTheKey() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": Self.key, "chat": ["500"]])
        defer { server.stop() }
        let project = try ReviewProject(review: Self.review)
        let output = try await project.run(
            ["review", "film.fountain", "--apply-notes", "--reviser", "dashscope", "--dashscope-url", server.url.absoluteString],
            environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(project.review.hasSuffix("    revise:\n      prompt_add: she should hesitate at the door\n"))
        #expect(try await Self.prompt(project).hasSuffix("She should hesitate at the door."))
        let stats = try await server.stats()
        #expect(stats["chats"] as? Int == 2)   // a 500, then the answer
        let body = try #require((stats["chat_bodies"] as? [[String: Any]])?.first)
        #expect(body["model"] as? String == "qwen-plus" && body["temperature"] as? Double == 0)
        let messages = body["messages"] as? [[String: String]] ?? []
        #expect(messages.map { $0["role"] ?? "" } == ["system", "user"])
        let request = try JSONSerialization.jsonObject(with: Data((messages.last?["content"] ?? "").utf8)) as? [String: String]
        #expect(request?["note"] == "she should hesitate at the door" && request?["prompt"]?.contains("Anna bursts in") == true)
        #expect(!"\(body)".contains(Self.key))
    }

    @Test func dashScopeFailuresAreExit69WithoutTheKey() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": "another-key-entirely", "chat_malformed": true])
        defer { server.stop() }
        let project = try ReviewProject(review: Self.review)
        let arguments = ["review", "film.fountain", "--apply-notes", "--reviser", "dashscope:qwen-max", "--dashscope-url",
                         server.url.absoluteString]
        let refused = try await project.run(arguments, environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(refused.status == 69)
        #expect(refused.stderr.contains("dashscope: revise 2A with qwen-max failed: HTTP 401: InvalidApiKey: Invalid API-key provided."))
        #expect(!refused.stderr.contains(Self.key) && !refused.stdout.contains(Self.key))
        let noKey = try await project.run(arguments, environment: ["DASHSCOPE_API_KEY": ""])
        #expect(noKey.status == 69 && noKey.stderr.contains("DASHSCOPE_API_KEY is not set in the environment"))
        #expect(project.review == Self.review)
    }

    @Test func aMalformedAnswerIsExit69() async throws {
        let server = try await TestServer.start("dashscope_server.py", config: ["key": Self.key, "chat_malformed": true])
        defer { server.stop() }
        let project = try ReviewProject(review: Self.review)
        let output = try await project.run(
            ["review", "film.fountain", "--apply-notes", "--reviser", "dashscope", "--dashscope-url", server.url.absoluteString],
            environment: ["DASHSCOPE_API_KEY": Self.key])
        #expect(output.status == 69 && output.stderr.contains("unexpected answer: no choices[0].message.content"))
    }

    @Test func aBadReviserIsAUsageError() async throws {
        let project = try ReviewProject(review: Self.review)
        let output = try await project.run(["review", "film.fountain", "--apply-notes", "--reviser", "gpt"])
        #expect(output.status == 64 && output.stderr.contains("neither command:'PROGRAM ARGS' nor dashscope[:MODEL]"))
        let unclosed = try await project.run(["review", "film.fountain", "--apply-notes", "--reviser", "command:python3 'revise.py"])
        #expect(unclosed.status == 64 && unclosed.stderr.contains("ends inside a quote"))
    }
}
