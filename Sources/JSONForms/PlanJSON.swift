#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Planning

/// The plan's JSON form (docs/plan-json.md): keys sorted, two-space indentation, no escaped
/// slashes, so the same plan always gives the same bytes.
public enum PlanJSON {
    /// The plan encoded as JSON, ending without a newline.
    public static func encode(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(plan)
    }

    /// Reads a plan written by `encode`.
    public static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}
