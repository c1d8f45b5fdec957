import Foundation

/// What one text message on ComfyUI's websocket (`/ws?clientId=…`) says about a prompt: each
/// run has a client ID of its own, so the messages are about its prompt, except those a
/// server sends every client (a prompt queued without a client ID), which name another
/// prompt and are read as `.other`. Other messages (`status`, `executed`,
/// `execution_cached`) say nothing the build uses.
enum ComfyUIMessage: Equatable {
    /// `progress`: a node is `value` of `max` steps along (a sampler's steps).
    case progress(Double)
    /// `executing` a node; nil when the prompt is done (`"node": null`), which
    /// `execution_success` also says.
    case executing(String?)
    /// `execution_error`: the node's type and its exception's message, not the traceback.
    case failed(String)
    /// Anything else.
    case other

    /// Reads one message's JSON text, about the prompt `promptID`.
    init(_ text: String, promptID: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let type = object["type"] as? String, let data = object["data"] as? [String: Any],
            (data["prompt_id"] as? String).map({ $0 == promptID }) ?? true
        else {
            self = .other
            return
        }
        switch type {
        case "progress":
            guard let value = (data["value"] as? NSNumber)?.doubleValue, let max = (data["max"] as? NSNumber)?.doubleValue,
                max > 0
            else { self = .other; return }
            self = .progress(value / max)
        case "executing":
            self = .executing(data["node"] as? String)
        case "execution_success":
            self = .executing(nil)
        case "execution_error":
            let node = data["node_type"] as? String ?? "a node"
            self = .failed("\(node): \(data["exception_message"] as? String ?? "failed")")
        default:
            self = .other
        }
    }
}
