import Compliance
import Foundation
import Planning
import Screenplay
import Testing

/// The compliance checker over real plans (issue #16, docs/compliance.md).
@Suite("compliance")
struct ComplianceTests {
    static func check(
        _ script: String, policy: CompliancePolicy = .block, extra: [ComplianceLists.Entry] = []
    ) throws -> ComplianceChecker.Result {
        var lists = try ComplianceLists.shipped()
        lists.entries += extra
        let policies = Dictionary(uniqueKeysWithValues: ComplianceCategory.allCases.map {
            ($0, policy == .rewrite && !$0.rewritable ? CompliancePolicy.block : policy)
        })
        return ComplianceChecker(lists: lists, policies: policies).check(plan(script).plan, source: Array(script.utf8))
    }

    @Test func aPublicFigureInTheActionIsBlockedAtItsPlaceInTheScript() throws {
        let script = "EXT. HARBOR - DAWN\n\nFog rolls in.\n\nThe crowd parts for Barack Obama, who waves.\n"
        let result = try Self.check(script)
        #expect(result.blocks)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.entry.category == .publicFigures && finding.entry.text == "Barack Obama")
        #expect(finding.range.start.line == 5 && finding.range.start.column == 21)
        #expect(finding.range.end.column == 33)
        #expect(finding.diagnostic.severity == .error)
        #expect(finding.diagnostic.formatted(path: "film.fountain").hasPrefix("film.fountain:5:21: error: the prompt of"))
    }

    @Test func rewriteReplacesTheNameWithItsDescriptionAndKeepsTheStory() throws {
        let script = "EXT. HARBOR - DAWN\n\nTaylor Swift sings on the pier at sunset.\n"
        let result = try Self.check(script, policy: .rewrite)
        #expect(!result.blocks && result.findings.count == 1)
        let prompt = try #require(result.plan.shots.first?.segments.first?.prompt)
        #expect(!prompt.localizedCaseInsensitiveContains("Taylor") && !prompt.localizedCaseInsensitiveContains("Swift"))
        #expect(prompt.contains("A woman in her thirties sings on the pier at sunset"), "\(prompt)")
        #expect(result.findings[0].diagnostic.severity == .warning)
    }

    @Test func aCharacterSharingAFirstNameWithAPublicFigureIsNotFlagged() throws {
        let script = "INT. KITCHEN - NIGHT\n\nTAYLOR pours the tea. Michael sits.\n\nTAYLOR\nYou came back.\n\nMICHAEL\nI did.\n"
        let result = try Self.check(script)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.entry.text))")
    }

    @Test func theScriptsOwnCastIsNeverAPublicFigure() throws {
        // A character who happens to have a listed name is the script's own.
        let script = "INT. OFFICE - DAY\n\nMICHAEL JORDAN files the report.\n\nMICHAEL JORDAN\nDone.\n"
        let result = try Self.check(script)
        #expect(!result.findings.contains { $0.entry.category == .publicFigures }, "\(result.findings.map(\.entry.text))")
    }

    @Test(arguments: [
        ("她在天台上想要自杀。", "自杀", ComplianceCategory.selfHarm),
        ("他被斩首示众。", "斩首", .violence),
        ("画面里出现裸体的人。", "裸体", .sexual),
        ("一个未成年的孩子走进酒吧。", "未成年", .minors),
        ("墙上画着纳粹礼的标语。", "纳粹礼", .hate),
    ])
    func chineseSensitiveTermsAreCaught(line: String, term: String, category: ComplianceCategory) throws {
        let script = "内景 客厅 - 夜\n\n" + line + "\n"
        let result = try Self.check(script)
        let finding = try #require(result.findings.first { $0.entry.text == term })
        #expect(finding.entry.category == category)
        let column = line.unicodeScalars.distance(
            from: line.unicodeScalars.startIndex, to: try #require(line.range(of: term)).lowerBound.samePosition(in: line.unicodeScalars)!)
        #expect(finding.range.start.line == 3 && finding.range.start.column == column + 1)
    }

    @Test func englishTermsMatchWholeWordsOnly() throws {
        // "suicide" is caught; "gorge" holds "gore" but is not it.
        let flagged = try Self.check("EXT. CLIFF - DAY\n\nShe thinks about suicide at the gorge.\n")
        #expect(flagged.findings.map(\.entry.text) == ["suicide"])
    }

    /// Words are runs of letters and digits in any script: ASCII ones and others alike, and
    /// a run ends at ASCII punctuation and spaces, as at any other.
    @Test func wordsAreLettersAndDigitsInAnyScript() throws {
        let terms = try ComplianceLists.parse("Café 9\nX-Ray Zone\nÉlan Vital\nZone Nine\n", file: "brands.txt", category: .brands)
        let result = try Self.check(
            "EXT. DINER - DAY\n\nCafé 9, café 99, the x-ray zone and élan vital; zone_nine, XRay Zone.\n", extra: terms)
        #expect(result.findings.map(\.entry.text) == ["Café 9", "X-Ray Zone", "Élan Vital", "Zone Nine"])
        #expect(result.findings.map(\.range.start.column) == [1, 22, 37, 49])
    }

    @Test func aUserBrandIsFoundAndRewrittenToAnUnbrandedProduct() throws {
        let brand = try ComplianceLists.parse("# my brands\nAcme Cola\n", file: "brands.txt", category: .brands)
        let result = try Self.check("EXT. DINER - DAY\n\nShe opens an Acme Cola.\n", policy: .rewrite, extra: brand)
        #expect(result.findings.map(\.entry.category) == [.brands])
        let prompt = result.plan.shots[0].segments[0].prompt
        #expect(prompt.contains("She opens an unbranded product.") && !prompt.contains("Acme"), "\(prompt)")
    }

    @Test func aMalformedTermLineIsRejectedWithItsLine() {
        #expect(throws: ComplianceListError.self) {
            try ComplianceLists.parse("violence\tgore\nnot a category line\n", file: "terms.tsv", category: nil)
        }
    }
}
