/// Where a finished ComfyUI prompt stands, read from `GET /history/{prompt_id}`.
enum ComfyUIHistory: Equatable {
    /// One file of a prompt's outputs, as `/view` takes it.
    struct File: Equatable {
        var filename: String
        var subfolder: String
        var type: String
    }

    /// Not finished (`{}`, or no `completed` status yet).
    case pending
    /// Finished with an error: the message ComfyUI gave.
    case failed(String)
    /// Finished: its video output, if it made one.
    case finished(File?)

    /// Reads the history of `promptID` from the decoded JSON `history`.
    init(history: Any, promptID: String) {
        guard let entry = (history as? [String: Any])?[promptID] as? [String: Any] else {
            self = .pending
            return
        }
        let status = entry["status"] as? [String: Any]
        if status?["status_str"] as? String == "error" {
            self = .failed(Self.errorMessage(status))
        } else if status?["completed"] as? Bool == true {
            self = .finished(Self.video(in: entry["outputs"] as? [String: Any] ?? [:]))
        } else {
            self = .pending
        }
    }

    /// The first video among the outputs, by node ID: a VideoHelperSuite `gifs` entry, or
    /// a core `SaveVideo` `images` entry marked `"animated": [true]`.
    private static func video(in outputs: [String: Any]) -> File? {
        for node in outputs.keys.sorted(by: { ($0.count, $0) < ($1.count, $1) }) {
            guard let output = outputs[node] as? [String: Any] else { continue }
            var candidates = output["gifs"] as? [[String: Any]] ?? []
            if (output["animated"] as? [Bool])?.contains(true) == true {
                candidates += output["images"] as? [[String: Any]] ?? []
            }
            for item in candidates {
                guard let filename = item["filename"] as? String, !filename.isEmpty else { continue }
                return File(
                    filename: filename, subfolder: item["subfolder"] as? String ?? "",
                    type: item["type"] as? String ?? "output")
            }
        }
        return nil
    }

    /// The `execution_error` message of a failed prompt: node type and exception.
    private static func errorMessage(_ status: [String: Any]?) -> String {
        for message in status?["messages"] as? [[Any]] ?? [] {
            guard message.first as? String == "execution_error", let detail = message.last as? [String: Any] else {
                continue
            }
            let node = detail["node_type"] as? String ?? "a node"
            return "\(node): \(detail["exception_message"] as? String ?? "failed")"
        }
        return "the prompt failed"
    }
}
