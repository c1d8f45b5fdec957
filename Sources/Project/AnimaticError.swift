/// A failure of the environment rather than of the script, with the sysexits code the
/// `animatic` program exits with.
public struct AnimaticError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure, mapped to an exit code.
    public enum Kind: Sendable, Equatable {
        /// Bad command-line usage (64).
        case usage
        /// The script has errors (65).
        case badInput
        /// An input file is missing or unreadable (66).
        case noInput
        /// A backend or service is unavailable (69).
        case unavailable
        /// A bug or an unexpected internal failure (70).
        case internalFailure
        /// An output cannot be created (73).
        case cannotCreate
        /// Reading or writing failed midway (74).
        case io

        /// The process exit code for this kind of failure (sysexits.h).
        public var exitCode: Int32 {
            switch self {
            case .usage: 64
            case .badInput: 65
            case .noInput: 66
            case .unavailable: 69
            case .internalFailure: 70
            case .cannotCreate: 73
            case .io: 74
            }
        }
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The process exit code (sysexits.h).
    public var exitCode: Int32 { kind.exitCode }

    public var description: String { message }
}
