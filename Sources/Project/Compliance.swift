import Foundation
import Compliance
import Planning

extension ProjectSettings {
    /// The compliance checker for a build on `backend` (docs/compliance.md): the shipped
    /// lists plus `compliance.names` and `compliance.brands`; each category's policy as
    /// set, else the backend's default (`CompliancePolicy.defaultFor(backend:)`).
    /// - Throws: `AnimaticError` `.noInput` when a user list cannot be read, `.badInput`
    ///   when a list is malformed.
    public func complianceChecker(backend: String) throws(AnimaticError) -> ComplianceChecker {
        var lists: ComplianceLists
        do { lists = try ComplianceLists.shipped() } catch {
            throw AnimaticError(.internalFailure, "the shipped compliance lists: \(error)")
        }
        for (file, category) in [(complianceNames, ComplianceCategory.publicFigures), (complianceBrands, .brands)] {
            guard let file else { continue }
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw AnimaticError(.noInput, "cannot read the compliance list \(file.path)")
            }
            do {
                lists.entries += try ComplianceLists.parse(
                    String(decoding: data, as: UTF8.self), file: file.path, category: category)
            } catch {
                throw AnimaticError(.badInput, "\(error)")
            }
        }
        let fallback = CompliancePolicy.defaultFor(backend: backend)
        let policies = Dictionary(uniqueKeysWithValues: ComplianceCategory.allCases.map { category in
            // A default of rewrite never reaches a sensitive term: defaults are block or warn.
            (category, compliancePolicies[category] ?? fallback)
        })
        return ComplianceChecker(lists: lists, policies: policies)
    }
}
