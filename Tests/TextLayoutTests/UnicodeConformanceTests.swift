import Foundation
import Testing
@testable import TextLayout

/// Unicode's own test suites, as Debian's `unicode-data` installs them, against the text layer:
/// grapheme clusters as the layout segments text, and line-break opportunities as the layout
/// finds them (libunistring's UAX #14 narrowed and widened by the CJK rules).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/unicode/auxiliary/LineBreakTest.txt") || ProcessInfo.processInfo.environment["CI"] != nil,
                "unicode-data is not installed"))
struct UnicodeConformanceTests {
    static let folder = "/usr/share/unicode/auxiliary"

    /// One test line: the scalars, and whether there is a break before each scalar after the first.
    struct Case {
        var scalars: [Unicode.Scalar]
        var breaks: [Bool]
        var comment: String
    }

    /// The cases of one test file; nil when the file is not installed (CI installs it: there a
    /// missing file is an issue, not a skip).
    static func cases(_ name: String) -> [Case]? {
        guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("\(folder)/\(name) is missing: install unicode-data") }
            return nil
        }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "#", maxSplits: 1)
            guard let spec = parts.first, !line.hasPrefix("#") else { return nil }
            var scalars: [Unicode.Scalar] = []
            var breaks: [Bool] = []
            var pendingBreak = false
            for token in spec.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                switch token {
                case "÷": pendingBreak = true
                case "×": pendingBreak = false
                default:
                    guard let value = UInt32(token, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
                    if !scalars.isEmpty { breaks.append(pendingBreak) }
                    scalars.append(scalar)
                }
            }
            return Case(scalars: scalars, breaks: breaks, comment: parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The UAX rule number the test file gives for the boundary before scalar `index`.
    static func rule(at index: Int, in comment: String) -> String {
        let rules = comment.split(separator: "[").dropFirst().map { $0.prefix { $0 != "]" } }
        return index < rules.count ? String(rules[index]) : "?"
    }

    /// UTF-8 offsets of each scalar.
    static func offsets(_ scalars: [Unicode.Scalar]) -> [Int] {
        var result: [Int] = []
        var offset = 0
        for scalar in scalars {
            result.append(offset)
            offset += String(scalar).utf8.count
        }
        return result
    }

    @Test func graphemeClustersFollowUAX29() throws {
        guard let cases = Self.cases("GraphemeBreakTest.txt") else { return }
        var failures: [String] = []
        for test in cases {
            let text = String(String.UnicodeScalarView(test.scalars))
            let paragraph = ClusterParagraph(texts: [text], glued: [false], whole: [false])
            let starts = Set(paragraph.clusters.map(\.start))
            let offsets = Self.offsets(test.scalars)
            let ours = offsets.dropFirst().map { starts.contains($0) }
            if ours != test.breaks { failures.append(test.comment) }
        }
        #expect(cases.count > 500)
        // Swift 6.3's grapheme data does not count U+2701 ✁ as Extended_Pictographic, so rule GB11
        // does not join it after a ZWJ; every other case of Unicode 15.0 passes.
        #expect(failures.map { $0.trimmingCharacters(in: .whitespaces) } == [
            "÷ [0.2] UPPER BLADE SCISSORS (Other) × [9.0] ZERO WIDTH JOINER (ZWJ_ExtCccZwj) × [11.0] UPPER BLADE SCISSORS (Other) ÷ [0.3]",
        ], "\(failures.count) of \(cases.count): \(failures.prefix(5))")
    }

    /// Where the layout's breaks differ from LineBreakTest.txt by design, and why.
    static let tailorings: [String: String] = [
        "noLineStart": "kinsoku: closing punctuation, small kana, iteration marks never start a line",
        "noLineEnd": "kinsoku: opening brackets and quotes never end a line",
        "koreanWord": "Korean breaks between words, not syllables",
        "quoteNextToCJK": "a line may break before an opening quote or after a closing one next to CJK",
        "cluster": "a grapheme cluster is never split (UAX #29 before UAX #14, e.g. # + emoji modifier)",
    ]

    /// Rules where libunistring 1.0 (Debian 12) implements an older UAX #14 than the test file's
    /// Unicode 15.0, with the number of boundaries each affects: the test fails when that count
    /// changes, so a newer libunistring or a regression shows.
    static let olderUAX14: [String: Int] = [
        "20.01": 4, "20.02": 13,   // LB20: CB (object replacement) breaks on both sides, changed in 15.0
        "999.0": 34,               // LB31 after LB25's narrowing (CL/CP before PO/PR) in 15.0
        "29.0": 10,                // LB29 IS × AL beyond ASCII letters
        "30.11": 1,                // LB30a: regional indicators joined across a combining mark
        "16.0": 3,                 // LB16: (CL|CP) SP* × NS for NS added in 15.0
        "18.0": 168,               // LB18 after a line end and spaces (the layout drops those spaces)
    ]

    @Test func lineBreakOpportunitiesFollowUAX14ButForTheCJKRules() throws {
        guard let cases = Self.cases("LineBreakTest.txt") else { return }
        var differences: [String: Int] = [:]
        var unexplained: [String] = []
        var tailored: [String: Int] = [:]
        var skipped = 0
        for test in cases {
            // Controls other than line ends never reach the layout: they are shown as symbols.
            if test.scalars.contains(where: { ($0.value < 0x20 || (0x7F...0x9F).contains($0.value))
                && !ClusterParagraph.Cluster.isMandatoryBreak($0.value) && $0.value != 0x09 }) {
                skipped += 1
                continue
            }
            let text = String(String.UnicodeScalarView(test.scalars))
            let paragraph = ClusterParagraph(texts: [text], glued: [false], whole: [false])
            let index = Dictionary(uniqueKeysWithValues: paragraph.clusters.enumerated().map { ($1.start, $0) })
            let offsets = Self.offsets(test.scalars)
            for (position, expected) in test.breaks.enumerated() {
                let offset = offsets[position + 1]
                let ours = index[offset].map { $0 > 0 && (paragraph.canBreak(before: $0) || paragraph.clusters[$0 - 1].isNewline) } ?? false
                guard ours != expected else { continue }
                if let rule = index[offset] == nil ? "cluster" : paragraph.tailoring(before: index[offset]!)?.rawValue {
                    tailored[rule, default: 0] += 1
                } else {
                    let rule = Self.rule(at: position + 1, in: test.comment)
                    differences[rule, default: 0] += 1
                    if Self.olderUAX14[rule] == nil { unexplained.append(test.comment) }
                }
            }
        }
        #expect(cases.count > 7000 && skipped < cases.count / 4)
        #expect(Set(tailored.keys).isSubset(of: Self.tailorings.keys), "\(tailored)")
        #expect(unexplained.isEmpty, "\(unexplained.count): \(unexplained.prefix(10).joined(separator: "\n"))")
        #expect(differences == Self.olderUAX14)
    }
}
