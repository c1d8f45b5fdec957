import Foundation

/// The hot-worker protocol, version 1 (docs/worker-protocol.md): one JSON object a line on
/// the worker's standard input (requests) and output (its announcement and replies).
enum WorkerProtocol {
    /// The version this build speaks; a worker announcing another is refused.
    static let version = 1
}

/// The worker's first line: `{"event":"ready","protocol":1,"max_frames":121,"fps":24,"sizes":["1280x704"]}`.
struct WorkerReady: Sendable, Hashable {
    /// The longest clip it makes, in frames.
    var maxFrames: Int
    /// The rate it makes, in frames per second.
    var fps: Int
    /// The sizes it makes.
    var sizes: [FrameSize]
}

/// One request line: what the worker is to make and where.
struct WorkerRequest: Sendable, Hashable, Encodable {
    var id: String
    var prompt: String
    var negativePrompt: String
    var seed: Int
    var frames: Int
    var fps: Int
    var width: Int
    var height: Int
    /// The image the clip starts from (the previous segment's last frame), or null.
    var image: String?
    var output: String

    enum CodingKeys: String, CodingKey {
        case id, prompt, seed, frames, fps, width, height, image, output
        case negativePrompt = "negative_prompt"
    }

    /// Keeps `"image": null` in the line rather than leaving the key out: the protocol lists it.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(negativePrompt, forKey: .negativePrompt)
        try container.encode(seed, forKey: .seed)
        try container.encode(frames, forKey: .frames)
        try container.encode(fps, forKey: .fps)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(image, forKey: .image)
        try container.encode(output, forKey: .output)
    }

    /// The request as one line, newline included (JSON escapes every newline inside strings).
    var line: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        return ((try? encoder.encode(self)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }
}

/// A line the worker wrote, read against the protocol.
enum WorkerReply: Sendable, Hashable {
    /// The announcement (first line only).
    case ready(WorkerReady, protocol: Int)
    /// `fraction` of request `id` is done.
    case progress(id: String, fraction: Double)
    /// Request `id` is written at its output.
    case done(id: String)
    /// Request `id` failed; `permanent` when trying again cannot help.
    case error(id: String, message: String, permanent: Bool)

    /// Reads one line; throws the reason when it is not a protocol message.
    static func parse(_ line: String) throws(WorkerProtocolError) -> WorkerReply {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            throw WorkerProtocolError("not a JSON object: \(quoted(line))")
        }
        guard let event = object["event"] as? String else { throw WorkerProtocolError("no \"event\" in \(quoted(line))") }
        if event == "ready" {
            guard let version = object["protocol"] as? Int else { throw WorkerProtocolError("ready without \"protocol\"") }
            guard let maxFrames = object["max_frames"] as? Int, maxFrames > 0 else {
                throw WorkerProtocolError("ready without a positive \"max_frames\"")
            }
            guard let fps = object["fps"] as? Int, fps > 0 else { throw WorkerProtocolError("ready without a positive \"fps\"") }
            guard let names = object["sizes"] as? [String], !names.isEmpty else {
                throw WorkerProtocolError("ready without \"sizes\"")
            }
            var sizes: [FrameSize] = []
            for name in names {
                guard let size = FrameSize(name) else { throw WorkerProtocolError("ready lists size \(quoted(name)), not WxH") }
                sizes.append(size)
            }
            return .ready(WorkerReady(maxFrames: maxFrames, fps: fps, sizes: sizes), protocol: version)
        }
        guard let id = object["id"] as? String else { throw WorkerProtocolError("\(event) without \"id\"") }
        switch event {
        case "progress":
            guard let fraction = (object["fraction"] as? NSNumber)?.doubleValue, fraction.isFinite else {
                throw WorkerProtocolError("progress without a numeric \"fraction\"")
            }
            return .progress(id: id, fraction: fraction)
        case "done":
            return .done(id: id)
        case "error":
            return .error(
                id: id, message: object["message"] as? String ?? "", permanent: object["permanent"] as? Bool ?? false)
        default:
            throw WorkerProtocolError("unknown event \(quoted(event))")
        }
    }

    /// A line cut to 200 characters, in quotes, for a message.
    private static func quoted(_ text: String) -> String {
        "\"" + (text.count > 200 ? String(text.prefix(200)) + "…" : text) + "\""
    }
}

/// Why a worker's line breaks the protocol.
struct WorkerProtocolError: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
