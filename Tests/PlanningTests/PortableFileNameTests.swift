import Foundation
import Planning
import Testing

@Suite("Portable file names for script IDs")
struct PortableFileNameTests {
    /// The rules every name keeps, whatever the ID.
    static func isPortable(_ name: String) -> Bool {
        let stem = String(name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]).uppercased()
        let devices = ["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] }
        return name.utf8.count <= PortableFileName.maximumBytes
            && name.utf8.allSatisfy { $0 < 0x80 && (Character(UnicodeScalar($0)).isLetter || Character(UnicodeScalar($0)).isNumber || "._-".utf8.contains($0)) }
            && !name.hasPrefix(".") && !name.hasPrefix("-") && !devices.contains(stem)
            && !name.lowercased().contains(".partial-")
    }

    @Test(arguments: ["1A-1", "12A.B-2", "12A-10", "1AA-3"])
    func plainIDsKeepTheirNames(id: String) {
        #expect(PortableFileName.clip(SegmentID(id)) == id + ".mp4")
    }

    @Test(arguments: [
        (".A-1", "_2EA-1.mp4"), ("..A-1", "_2E.A-1.mp4"), ("-rf.A-1", "_2D_72_66.A-1.mp4"), ("CON.A-1", "_43ON.A-1.mp4"),
        ("con.A-1", "_63_6F_6E.A-1.mp4"), ("LPT9A-1", "LPT9A-1.mp4"), ("LPT9.A-1", "_4CPT9.A-1.mp4"), ("AUX-1", "AUX-1.mp4"),
        (".partial-1A-1", "_2E_70_61_72_74_69_61_6C-1A-1.mp4"), ("1 2A-1", "1_202A-1.mp4"), ("a_b", "_61_5F_62.mp4"),
        ("场一A-1", "_E5_9C_BA_E4_B8_80A-1.mp4"), ("", "_.mp4"),
    ])
    func unsafeIDsAreEscaped(id: String, name: String) {
        #expect(PortableFileName.clip(SegmentID(id)) == name)
        #expect(Self.isPortable(name))
    }

    @Test func aTakesSuffixIsKeptAsWritten() {
        #expect(PortableFileName.clip("12A-1.take2") == "12A-1.take2.mp4")
        #expect(PortableFileName.clip("1a-1.take12") == "1_61-1.take12.mp4")
        // Only a take's own suffix: anything else lower-case is escaped as before.
        #expect(PortableFileName.clip("1A-1.takeX") == "1A-1._74_61_6B_65X.mp4")
        let long = PortableFileName.clip(SegmentID(String(repeating: "9", count: 300) + "A-1.take3"))
        #expect(long.utf8.count <= 100 && long.hasSuffix(".take3.mp4") && Self.isPortable(long))
    }

    @Test func longIDsAreShortenedWithAHash() {
        let long = String(repeating: "9", count: 300)
        let names = [long + "A-1", long + "A-2", String(repeating: "é", count: 200) + "A-1"].map { PortableFileName.clip(SegmentID($0)) }
        for name in names {
            #expect(name.utf8.count <= 100 && name.hasSuffix(".mp4") && name.contains("__"), "\(name)")
            #expect(Self.isPortable(name))
        }
        #expect(Set(names).count == names.count)
        // Ninety-six bytes fit whole.
        let fits = String(repeating: "7", count: 92) + "A-1"
        #expect(PortableFileName.clip(SegmentID(fits)) == fits + ".mp4")
    }

    /// Different IDs never share a name, even on a file system that ignores case.
    @Test func distinctIDsGetDistinctPortableNames() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbB01.-_ #%/\\:cCoOnNuUlL场é")
        var ids: Set<String> = ["CON", "con", "Con", "COM1", "com1", "_2E", ".", "-", "_", "__"]
        for _ in 0..<3000 {
            let length = Int.random(in: 1...8, using: &generator)
            ids.insert(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        var seen: [String: String] = [:]
        for id in ids {
            let name = PortableFileName.clip(SegmentID(id))
            #expect(Self.isPortable(name), "\(id) → \(name)")
            if let other = seen.updateValue(id, forKey: name.lowercased()) { Issue.record("\(id) and \(other) both → \(name)") }
        }
    }
}
