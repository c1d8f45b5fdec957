import Foundation
import Media

/// A backend's file on its way to `destination`: written under a temporary name beside it
/// (`.name.partial-UUID.ext`, which the clip cache never trusts and clears), probed, and
/// renamed into place only when it is a usable video. Removed on every other way out.
struct StagedClip {
    /// Where the backend writes.
    let file: URL
    private let destination: URL

    init(for destination: URL, extension pathExtension: String = "mp4") {
        self.destination = destination
        let name = "." + destination.lastPathComponent + ".partial-" + UUID().uuidString + "." + pathExtension
        file = destination.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs `write` on the temporary file, checks the file it leaves and moves it into place; removes the
    /// temporary file when anything throws, `CancellationError` included.
    func commit(backend: String, operation: String, _ write: (URL) async throws -> Void) async throws {
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try await write(file)
            try Task.checkCancellation()
            if let problem = Self.problem(with: file) {
                throw BackendError(
                    backend: backend, operation: operation, failure: .badOutput(problem), isPermanent: false)
            }
            if rename(file.path, destination.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
    }

    /// Why `file` is not a usable clip, or nil when it is: it must open as media, hold a
    /// video stream with a size, last a positive time under an hour, hold every frame it
    /// declares (a file cut short holds fewer), and decode every frame it holds.
    static func problem(with file: URL) -> String? {
        guard FileManager.default.fileExists(atPath: file.path) else { return "no file was written" }
        let info: MediaInfo
        do { info = try Probe.info(file) } catch { return "not a readable video (\(error))" }
        guard let video = info.video, (video.width ?? 0) > 0, (video.height ?? 0) > 0 else {
            return "no video stream"
        }
        guard let duration = info.duration ?? video.duration, duration > 0, duration < 3600 else {
            return "no sane duration"
        }
        let packets: Int
        do { packets = try Probe.packetCount(file) } catch { return "frames cannot be read (\(error))" }
        guard packets > 0 else { return "no frames" }
        if let declared = video.declaredFrameCount, packets < declared {
            return "holds \(packets) of the \(declared) frames it declares"
        }
        // Decoded here, while the backend can still be asked again: a clip whose codec
        // parameters or frames are damaged would otherwise fail later, in the conform
        // step, without the backend's name and without a retry.
        let decoded: Int
        do { decoded = try Probe.decodedFrameCount(file) } catch {
            // FFmpeg's message without its log: one line a decoded packet would be too many.
            if case let MediaError.ffmpeg(call, _, message, _) = error { return "its frames do not decode (\(call): \(message))" }
            return "its frames do not decode (\(error))"
        }
        guard decoded >= packets else { return "only \(decoded) of its \(packets) frames decode" }
        return nil
    }
}
