/// Why eSpeak NG could not speak.
public enum SpeechError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `espeak_Initialize` failed: the library or its data (espeak-ng-data) is missing.
    case unavailable(String)
    /// The voice is not installed (`espeak_SetVoiceByName` refused it).
    case unknownVoice(String)
    /// `espeak_Synth` returned an error code.
    case synthesisFailed(Int)

    public var description: String {
        switch self {
        case let .unavailable(why): "eSpeak NG is unavailable: \(why)"
        case let .unknownVoice(name): "eSpeak NG has no voice '\(name)' (is espeak-ng-data installed?)"
        case let .synthesisFailed(code): "eSpeak NG could not synthesise the text (error \(code))"
        }
    }
}
