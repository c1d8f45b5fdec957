import Foundation

/// Sizes in bytes as a project file writes them: `2147483648`, `2 GiB`, `1.5GB`, `512 KiB`.
enum ByteSize {
    private static let units: [(name: String, factor: Double)] = [
        ("B", 1), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12),
        ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
    ]

    /// The whole number of bytes `text` names, or nil when it is not a number with one of
    /// the units (case-insensitive) or overflows.
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        guard let value = Double(number), value >= 0 else { return nil }
        let factor = unit.isEmpty ? 1 : units.first { $0.name.lowercased() == unit.lowercased() }?.factor
        guard let factor else { return nil }
        let bytes = (value * factor).rounded()
        guard bytes < Double(Int.max) else { return nil }
        return Int(bytes)
    }
}
