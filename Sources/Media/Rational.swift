import CFFmpeg

/// An exact rational number, as FFmpeg keeps frame rates and time bases (24000/1001, 1/12288).
public struct Rational: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The numerator.
    public var numerator: Int32
    /// The denominator.
    public var denominator: Int32

    /// A rational `numerator/denominator`, kept as given (not reduced).
    public init(_ numerator: Int32, _ denominator: Int32 = 1) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value as a `Double`; 0 when the denominator is 0.
    public var doubleValue: Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }

    /// The reciprocal, `denominator/numerator`.
    public var reciprocal: Rational { Rational(denominator, numerator) }

    /// `24`, or `24000/1001`.
    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// True when both rationals denote the same number (24/1 equals 48/2).
    public func isEquivalent(to other: Rational) -> Bool {
        Int64(numerator) * Int64(other.denominator) == Int64(other.numerator) * Int64(denominator)
    }

    init(_ value: AVRational) {
        self.init(value.num, value.den)
    }

    var avRational: AVRational { AVRational(num: numerator, den: denominator) }
}
