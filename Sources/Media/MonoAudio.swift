import Foundation

/// Mono audio at the house rate, 48 kHz, as 32-bit float samples in -1…1: one spoken line,
/// a recorded take or a music bed before mixing.
public struct MonoAudio: Sendable, Hashable {
    /// Every piece of audio in a build is at this rate.
    public static let sampleRate = 48_000

    /// The samples.
    public var samples: [Float]

    /// Audio holding `samples` (at 48 kHz).
    public init(samples: [Float]) {
        self.samples = samples
    }

    /// The length in seconds.
    public var seconds: Double { Double(samples.count) / Double(Self.sampleRate) }

    /// The same audio `decibels` louder (quieter when negative).
    public func gained(by decibels: Double) -> MonoAudio {
        let factor = Float(amplitude(decibels: decibels))
        return MonoAudio(samples: samples.map { $0 * factor })
    }
}

/// The amplitude factor of a level change in decibels: `10^(dB/20)`.
func amplitude(decibels: Double) -> Double {
    pow(10, decibels / 20)
}
