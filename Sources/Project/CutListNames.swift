import CutLists
import Foundation

extension CutListFormat {
    /// The formats `names` lists (surrounding spaces ignored), in order.
    /// - Throws: `AnimaticError` `.usage` naming the first unknown format.
    public static func formats(named names: [String]) throws(AnimaticError) -> [CutListFormat] {
        try names.map { name throws(AnimaticError) in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let format = CutListFormat(rawValue: trimmed) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw AnimaticError(.usage, "unknown cut list '\(trimmed)'; use \(known) or none")
            }
            return format
        }
    }
}
