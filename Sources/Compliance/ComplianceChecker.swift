import Foundation
import Planning
import Screenplay

/// Checks every prompt of a plan before any of it is sent to a model (docs/compliance.md):
/// real public figures' names, brands, and sensitive terms in English and Chinese. Each
/// finding is a diagnostic at the place in the script the prompt's words came from, an
/// error under `block`, a warning under `warn`; under `rewrite` the name is replaced by
/// its neutral description in the prompt, and a warning says so.
///
/// Names are matched whole (`Taylor Swift`, not `Taylor`), case-insensitively, on word
/// boundaries; Chinese entries anywhere in the text. The script's own cast is never a
/// public figure: a character who has a listed name is the script's, not the world's.
/// Cost: one pass over each prompt's words, a dictionary lookup a word.
public struct ComplianceChecker: Sendable {
    public var lists: ComplianceLists
    /// The policy of each category.
    public var policies: [ComplianceCategory: CompliancePolicy]

    public init(lists: ComplianceLists, policies: [ComplianceCategory: CompliancePolicy]) {
        self.lists = lists
        self.policies = policies
    }

    /// One name or term found in a prompt.
    public struct Finding: Sendable, Hashable {
        public var entry: ComplianceLists.Entry
        public var policy: CompliancePolicy
        /// The segment whose prompt holds it.
        public var segmentID: SegmentID
        /// Where in the script it is (or, when the words came from elsewhere, the start of
        /// the script text the segment covers).
        public var range: SourceRange

        /// The finding as a compiler diagnostic.
        public var diagnostic: Diagnostic {
            let what = "the prompt of \(segmentID) names \(entry.category.noun), '\(entry.text)'"
            switch policy {
            case .block:
                return Diagnostic(
                    .error, what + " (compliance.policy.\(entry.category.rawValue): block)", at: range,
                    note: entry.category.rewritable
                        ? "change the script, or set compliance.policy.\(entry.category.rawValue) to rewrite or warn"
                        : "change the script, or set compliance.policy.\(entry.category.rawValue) to warn")
            case .warn:
                return Diagnostic(.warning, what + " (compliance.policy.\(entry.category.rawValue): warn)", at: range)
            case .rewrite:
                return Diagnostic(.warning, what + "; the prompt says '\(entry.replacement)' instead", at: range)
            }
        }
    }

    /// What checking a plan found, and the plan with every `rewrite` applied.
    public struct Result: Sendable {
        public var findings: [Finding]
        public var plan: Plan
        /// The findings as diagnostics, in script order.
        public var diagnostics: [Diagnostic] { findings.map(\.diagnostic) }
        /// Whether a finding blocks the build.
        public var blocks: Bool { findings.contains { $0.policy == .block } }
    }

    /// Checks every segment's prompt in `plan`, of every take, planned from the script
    /// `source` (its bytes).
    public func check(_ plan: Plan, source: [UInt8]) -> Result {
        let cast = Set(plan.characters.flatMap { [$0.name, $0.displayName] }.map { $0.lowercased() })
        let index = TermIndex(lists.entries.filter { entry in
            policies[entry.category] != nil
                && !(entry.category == .publicFigures && cast.contains(entry.text.lowercased()))
        })
        let script = String(decoding: source, as: UTF8.self)
        var result = Result(findings: [], plan: plan)
        var seen = Set<Finding>()
        // A name found in a take not on the timeline at a place already reported (the same
        // words, in another take's prompt) is not reported again; it is rewritten all the same.
        var places = Set<Place>()
        for (shotIndex, shot) in plan.shots.enumerated() {
            // Every take is sent to the model, not only the one on the timeline.
            for (take, segments) in ([shot.segments] + (shot.otherTakes ?? []).map(\.segments)).enumerated() {
                for (segmentIndex, segment) in segments.enumerated() {
                    let matches = index.matches(in: segment.prompt)
                    var rewrites: [(Range<String.Index>, String)] = []
                    for match in matches {
                        guard let policy = policies[match.entry.category] else { continue }
                        let range = Self.locate(match.entry, in: script, source: source, around: segment.range, index: index)
                        let finding = Finding(entry: match.entry, policy: policy, segmentID: segment.id, range: range)
                        let place = Place(entry: match.entry, range: range)
                        if (take == 0 || !places.contains(place)) && seen.insert(finding).inserted {
                            result.findings.append(finding)
                        }
                        places.insert(place)
                        if policy == .rewrite && match.entry.category.rewritable {
                            rewrites.append((match.range, match.entry.replacement))
                        }
                    }
                    guard !rewrites.isEmpty else { continue }
                    var prompt = segment.prompt
                    for (range, replacement) in rewrites.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
                        Self.rewrite(&prompt, range, as: replacement)
                    }
                    if take == 0 {
                        result.plan.shots[shotIndex].segments[segmentIndex].prompt = prompt
                    } else {
                        result.plan.shots[shotIndex].otherTakes?[take - 1].segments[segmentIndex].prompt = prompt
                    }
                }
            }
        }
        result.findings.sort { $0.range.start.offset < $1.range.start.offset }
        return result
    }

    /// A list entry at a place in the script.
    private struct Place: Hashable {
        var entry: ComplianceLists.Entry
        var range: SourceRange
    }

    /// Replaces `range` of `prompt` by `replacement`: an article before the name goes when
    /// the description brings its own ("an Acme Cola" → "an unbranded product"), and the
    /// description starts with a capital where the name started a sentence.
    static func rewrite(_ prompt: inout String, _ range: Range<String.Index>, as replacement: String) {
        var start = range.lowerBound
        let before = prompt[..<start]
        let articles = ["a ", "an ", "the "]
        if articles.contains(where: { replacement.lowercased().hasPrefix($0) }),
            let article = articles.first(where: { before.lowercased().hasSuffix($0) }),
            before.dropLast(article.count).last.map({ !$0.isLetter }) ?? true
        {
            start = prompt.index(start, offsetBy: -article.count)
        }
        let preceding = prompt[..<start].trimmingCharacters(in: .whitespaces)
        let capital = preceding.isEmpty || preceding.hasSuffix(".")
        prompt.replaceSubrange(
            start..<range.upperBound, with: capital ? replacement.prefix(1).uppercased() + replacement.dropFirst() : replacement)
    }

    /// Where `entry` is in the script: first within `range` (the text the segment covers),
    /// else its first place anywhere in the script (a character's description), else the
    /// start of `range`.
    static func locate(
        _ entry: ComplianceLists.Entry, in script: String, source: [UInt8], around range: SourceRange, index: TermIndex
    ) -> SourceRange {
        let start = max(0, min(range.start.offset, source.count)), end = max(start, min(range.end.offset, source.count))
        let covered = String(decoding: source[start..<end], as: UTF8.self)
        if let found = TermIndex([entry]).matches(in: covered).first {
            return span(covered, found.range, from: range.start)
        }
        if let found = TermIndex([entry]).matches(in: script).first {
            return span(script, found.range, from: SourceLocation(line: 1, column: 1, offset: 0))
        }
        return SourceRange(start: range.start, end: range.start)
    }

    /// The source range of `match` in `text`, which starts at `origin` in the script.
    private static func span(_ text: String, _ match: Range<String.Index>, from origin: SourceLocation) -> SourceRange {
        func location(_ index: String.Index) -> SourceLocation {
            var line = origin.line, column = origin.column
            for scalar in text.unicodeScalars[..<index] {
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            return SourceLocation(line: line, column: column, offset: origin.offset + text.utf8[..<index].count)
        }
        return SourceRange(start: location(match.lowerBound), end: location(match.upperBound))
    }
}
