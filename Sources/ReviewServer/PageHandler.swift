import Animatic
import FlyingFox
import Foundation
import JSONForms
import Planning

/// Answers the review page's requests: the page and its script and style, the state as
/// JSON, saves, the rebuild and its progress, and the output's files. It sees each
/// request's target as sent (the server's own path is already tidied of `..`), so a path
/// that tries to leave the output is refused, not quietly turned into another.
final class PageHandler: HTTPHandler {
    let token: String
    let files: OutputFiles
    let keeper: ReviewFileKeeper
    let rebuild: RebuildJob
    /// `http://127.0.0.1:PORT`, once the server listens: the only `Origin` a write may carry.
    let origin = Locked<String?>(nil)

    init(token: String, files: OutputFiles, keeper: ReviewFileKeeper, rebuild: RebuildJob) {
        self.token = token
        self.files = files
        self.keeper = keeper
        self.rebuild = rebuild
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let query = request.target.query(percentEncoded: true).split(separator: "&").compactMap { item -> (String, String)? in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return nil }
            return (String(pair[0]), String(pair[1]).removingPercentEncoding ?? "")
        }
        guard let given = query.first(where: { $0.0 == "token" })?.1, Self.same(given, token) else {
            return Self.text(.forbidden, "this page needs the address animatic review printed, with its token")
        }
        let path = request.target.path(percentEncoded: true)
        if request.method == .POST {
            guard let expected = origin.value, request.headers[HTTPHeader("Origin")] == expected else {
                return Self.text(.forbidden, "a change must come from the review page itself")
            }
            switch path {
            case "/api/save": return await save(request)
            case "/api/build":
                let started = rebuild.start()
                return Self.json(started ? .accepted : .conflict, rebuild.snapshot)
            default: return Self.text(.notFound, "no such action")
            }
        }
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "the review page reads with GET and writes with POST")
        }
        switch path {
        case "/": return page("review.html", type: "text/html; charset=utf-8", token: true)
        case "/review.js": return page("review.js", type: "text/javascript; charset=utf-8")
        case "/review.css": return page("review.css", type: "text/css; charset=utf-8")
        case "/api/state": return Self.json(.ok, await state())
        case "/api/build": return Self.json(.ok, rebuild.snapshot)
        default:
            guard path.hasPrefix("/files/") else { return Self.text(.notFound, "not found") }
            return serve(String(path.dropFirst("/files/".count)), range: request.headers[.range], head: request.method == .HEAD)
        }
    }

    /// The page as it stands now.
    func state() async -> PageState {
        let settings = (plan: files.video.deletingPathExtension().appendingPathExtension("plan.json"),
                        report: files.video.deletingPathExtension().appendingPathExtension("report.json"))
        let plan = FileManager.default.contents(atPath: settings.plan.path).flatMap { try? PlanJSON.decode($0) }
        let built = FileManager.default.fileExists(atPath: files.video.path) ? plan : nil
        return PageState(
            plan: built, report: BuildReport.read(settings.report), output: files.video, review: await keeper.current(),
            reviewDisplayPath: keeper.displayPath)
    }

    /// `POST /api/save`: a `ReviewEdit` as JSON, for a shot of the built plan.
    private func save(_ request: HTTPRequest) async -> HTTPResponse {
        guard let body = try? await request.bodyData, body.count <= 64 * 1024,
              let edit = try? JSONDecoder().decode(ReviewEdit.self, from: body)
        else { return Self.text(.badRequest, "a save is a JSON object: {shot, pick, status, note, by}") }
        let current = await state()
        guard let shot = current.shots.first(where: { $0.id == edit.shot }) else {
            return Self.text(.badRequest, "shot \(edit.shot) is not in the build")
        }
        if let pick = edit.pick, !shot.takes.contains(where: { $0.number == pick }) {
            return Self.text(.badRequest, "shot \(edit.shot) has no take \(pick)")
        }
        do {
            let outcome = try await keeper.save(edit)
            return Self.json(.ok, ["saved": outcome.rawValue])
        } catch {
            return Self.text(error.kind == .badInput ? .conflict : .internalServerError, error.message)
        }
    }

    /// A file of the output, whole or the range asked for.
    private func serve(_ rawPath: String, range: String?, head: Bool) -> HTTPResponse {
        let url: URL
        switch files.lookup(rawPath) {
        case .forbidden: return Self.text(.forbidden, "only the video and its media folder are served")
        case .notFound: return Self.text(.notFound, "no such file in the output")
        case .file(let found): url = found
        }
        guard let handle = try? FileHandle(forReadingFrom: url), let size = try? handle.seekToEnd() else {
            return Self.text(.notFound, "the file cannot be read")
        }
        defer { try? handle.close() }
        var headers = Self.commonHeaders
        headers[.contentType] = url.pathExtension == "mp4" ? "video/mp4" : url.pathExtension == "wav" ? "audio/wav" : "application/octet-stream"
        headers[.acceptRanges] = "bytes"
        var status = HTTPStatusCode.ok
        var bytes = 0..<Int(size)
        switch ByteRange.parse(range, size: Int(size)) {
        case .failure?:
            headers[.contentRange] = "bytes */\(size)"
            return HTTPResponse(statusCode: .rangeNotSatisfiable, headers: headers)
        case .success(let asked)?:
            status = .partialContent
            bytes = asked.lower..<asked.upper
            headers[.contentRange] = "bytes \(asked.lower)-\(asked.upper - 1)/\(size)"
        case nil:
            break
        }
        guard !head else {
            headers[.contentLength] = String(bytes.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        guard (try? handle.seek(toOffset: UInt64(bytes.lowerBound))) != nil, let data = try? handle.read(upToCount: bytes.count)
        else { return Self.text(.internalServerError, "the file cannot be read") }
        return HTTPResponse(statusCode: status, headers: headers, body: data)
    }

    /// One of the page's own files; the HTML gets the token into its links.
    private func page(_ name: String, type: String, token withToken: Bool = false) -> HTTPResponse {
        guard let data = PageResources.file(name) else { return Self.text(.internalServerError, "the page's \(name) is missing") }
        var headers = Self.commonHeaders
        headers[.contentType] = type
        // The page's own script and style only, no other site, no plug-ins, no framing.
        headers[HTTPHeader("Content-Security-Policy")] =
            "default-src 'none'; script-src 'self'; style-src 'self'; media-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        let body = withToken ? Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "{{TOKEN}}", with: token).utf8) : data
        return HTTPResponse(statusCode: .ok, headers: headers, body: body)
    }

    /// Sent with every answer: nothing cached (a rebuild replaces files under the same
    /// names), no token leaked in a referrer, no type guessed.
    static let commonHeaders: HTTPHeaders = [
        .cacheControl: "no-store", HTTPHeader("Referrer-Policy"): "no-referrer", HTTPHeader("X-Content-Type-Options"): "nosniff",
    ]

    static func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        var headers = commonHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        return HTTPResponse(statusCode: status, headers: headers, body: Data((message + "\n").utf8))
    }

    static func json(_ status: HTTPStatusCode, _ value: some Encodable) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return text(.internalServerError, "the answer cannot be encoded") }
        var headers = commonHeaders
        headers[.contentType] = "application/json"
        return HTTPResponse(statusCode: status, headers: headers, body: data)
    }

    /// Compares every byte, so the time taken says nothing of how much of a guess was right.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
