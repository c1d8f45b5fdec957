import Animatic
import FlyingFox
import FlyingSocks
import Foundation
import Planning

/// The served review page (`animatic review FILE`, docs/review.md): an HTTP server on
/// 127.0.0.1 over the review file and the build's outputs. A director watches the video
/// with its timecode and each shot's takes, picks takes, writes notes, approves or marks
/// shots, saves into the review file (`ReviewFileKeeper`: merged, never overwritten), and
/// rebuilds in this process, watching the build's progress.
///
/// Every request needs the run's random token (`?token=`), else 403; a write (`POST`) also
/// needs an `Origin` that is the page's own, else 403. Files are served only from the
/// video and its media folder (`OutputFiles`).
public final class ReviewServer: Sendable {
    /// What the server serves and does.
    public struct Configuration: Sendable {
        /// The video the build writes; the plan, report and media folder are beside it.
        public var output: URL
        /// The review file, and its path as messages name it.
        public var reviewFile: URL
        public var reviewDisplayPath: String
        /// The port to listen on; 0 for a free one.
        public var port: UInt16
        /// The build the rebuild button runs.
        public var build: @Sendable (_ events: @escaping @Sendable (BuildEvent) -> Void) async throws -> BuildReport

        public init(
            output: URL, reviewFile: URL, reviewDisplayPath: String, port: UInt16 = 0,
            build: @escaping @Sendable (_ events: @escaping @Sendable (BuildEvent) -> Void) async throws -> BuildReport
        ) {
            self.output = output
            self.reviewFile = reviewFile
            self.reviewDisplayPath = reviewDisplayPath
            self.port = port
            self.build = build
        }
    }

    /// The per-run secret every request carries.
    public let token: String
    private let configuration: Configuration
    private let http: HTTPServer
    private let handler: PageHandler

    /// A server for `configuration`, not yet listening.
    /// - Throws: when the address cannot be made.
    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        token = Self.randomToken()
        handler = PageHandler(
            token: token, files: OutputFiles(video: configuration.output),
            keeper: ReviewFileKeeper(url: configuration.reviewFile, displayPath: configuration.reviewDisplayPath),
            rebuild: RebuildJob(build: configuration.build))
        http = HTTPServer(
            address: try sockaddr_in.inet(ip4: "127.0.0.1", port: configuration.port), logger: .disabled, handler: handler)
    }

    /// Serves until the task running it is cancelled: then it stops listening, lets open
    /// requests finish (for up to a second), and stops a running rebuild.
    public func run() async throws {
        do {
            try await withTaskCancellationHandler {
                try await http.run()
            } onCancel: { [http] in
                Task { await http.stop(timeout: 1) }
            }
        } catch {
            await handler.rebuild.stop()
            throw error
        }
        await handler.rebuild.stop()
    }

    /// Waits until the server listens, and returns the page's address, with the token.
    /// - Throws: when it does not listen within five seconds.
    public func waitForPage() async throws -> URL {
        try await http.waitUntilListening()
        guard case .ip4(let host, let port)? = await http.listeningAddress else {
            throw AnimaticError(.internalFailure, "the review server does not say where it listens")
        }
        handler.origin.set("http://\(host):\(port)")
        return URL(string: "http://\(host):\(port)/?token=\(token)")!
    }

    /// 32 random bytes as hex, from the system's generator.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
