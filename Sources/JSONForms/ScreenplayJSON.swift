#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Screenplay

extension ScreenplayDocument {
    /// Pretty-printed JSON with sorted keys: the same script always gives the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
