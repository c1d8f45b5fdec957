import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One download written to a file as its body arrives, so that memory does not grow with
/// the body (FoundationNetworking's completion-handler tasks hold the whole body in
/// memory: two 2 GiB videos at once once took 18.6 GB). The body is refused as soon as
/// it is known to exceed `limit` bytes: by its `Content-Length` when it has one, else by
/// counting. A non-2xx answer's body is kept in memory instead, its first 64 KiB, for the
/// service's message.
///
/// The session hands each chunk to the delegate's serial queue without waiting for it
/// (FoundationNetworking has no backpressure on data tasks), so what is held is what
/// arrived while the writer was behind: nothing on an idle machine, tens of MiB on a
/// heavily loaded one (measured: 256 MiB from loopback at a load of 20 on 2 cores held at
/// most 75 MiB). Its download tasks do write on the receiving thread, but into
/// `$TMPDIR`, and crash when a write fails (a full disk).
final class StreamingDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Why a body was refused for its size.
    enum Refusal {
        /// Its `Content-Length` said this many bytes.
        case declared(Int)
        /// More than the limit arrived (no `Content-Length`, or one that lied).
        case counted

        /// The length declared, if that was the reason.
        var declaredLength: Int? {
            if case .declared(let length) = self { length } else { nil }
        }
    }

    /// How a download ended, as the delegate saw it.
    struct Outcome {
        var response: HTTPURLResponse?
        /// Body bytes written to the file.
        var received: Int
        /// The body of a non-2xx answer.
        var errorBody: Data
        /// Set when the body was refused for its size.
        var refusal: Refusal?
        /// Set when the file could not be written.
        var writeError: (any Error)?
        /// The session's error, when the transfer did not finish.
        var transferError: (any Error)?
    }

    private static let errorBodyLimit = 64 << 10
    private let lock = NSLock()
    private let file: URL
    private let limit: Int
    private var handle: FileHandle?
    private var task: URLSessionDataTask?
    private var cancelled = false
    private var outcome = Outcome(received: 0, errorBody: Data())
    private var continuation: CheckedContinuation<Outcome, Never>?

    /// A download into `file` (created or emptied now) of at most `limit` bytes.
    init(file: URL, limit: Int) throws {
        self.file = file
        self.limit = limit
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        handle = try FileHandle(forWritingTo: file)
    }

    /// Runs `request` on a session of its own (`configuration`) and returns how it ended;
    /// a cancelled Swift task cancels the transfer, from another queue, never under the
    /// caller's locks (see `HTTPClient.answer(to:)`).
    func run(_ request: URLRequest, configuration: URLSessionConfiguration) async -> Outcome {
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let task = session.dataTask(with: request)
                let cancelNow = lock.withLock {
                    self.continuation = continuation
                    self.task = task
                    return cancelled
                }
                task.resume()
                if cancelNow { Self.cancelLater(task) }
            }
        } onCancel: {
            let task = lock.withLock {
                cancelled = true
                return self.task
            }
            if let task { Self.cancelLater(task) }
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        let declared = http.flatMap { $0.value(forHTTPHeaderField: "Content-Length") }.flatMap { Int($0) }
        let refuse = lock.withLock {
            outcome.response = http
            guard let http, (200..<300).contains(http.statusCode), let declared, declared > limit else { return false }
            outcome.refusal = .declared(declared)
            return true
        }
        completionHandler(refuse ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let stop = lock.withLock { () -> Bool in
            guard outcome.refusal == nil, outcome.writeError == nil else { return true }
            if let status = outcome.response?.statusCode, !(200..<300).contains(status) {
                outcome.errorBody.append(data.prefix(max(0, Self.errorBodyLimit - outcome.errorBody.count)))
                return false
            }
            guard outcome.received + data.count <= limit else {
                outcome.refusal = .counted
                return true
            }
            do {
                try handle?.write(contentsOf: data)
                outcome.received += data.count
                return false
            } catch {
                outcome.writeError = error
                return true
            }
        }
        if stop { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (waiting, ended) = lock.withLock { () -> (CheckedContinuation<Outcome, Never>?, Outcome) in
            try? handle?.close()
            handle = nil
            outcome.transferError = error
            defer { continuation = nil }
            return (continuation, outcome)
        }
        waiting?.resume(returning: ended)
    }

    private static func cancelLater(_ task: URLSessionDataTask) {
        DispatchQueue.global().async { task.cancel() }
    }
}
