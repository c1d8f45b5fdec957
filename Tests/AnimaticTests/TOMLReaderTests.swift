@testable import Animatic
@testable import Project
import Foundation
import Testing

/// The in-house TOML reader: the subset a project file needs, and a positioned error for
/// everything else.
@Suite("project file: the TOML reader")
struct TOMLReaderTests {
    private func read(_ text: String) throws -> ConfigNode {
        try TOMLReader.read(text)
    }

    /// The tree as one line of text, tables as `{key=value, ...}` in file order.
    private func plain(_ node: ConfigNode) -> String {
        switch node.value {
        case .string(let text): "\"\(text)\""
        case .integer(let number): "\(number)"
        case .float(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array(let items): "[" + items.map(plain).joined(separator: ", ") + "]"
        case .table(let entries): "{" + entries.map { "\($0.key)=\(plain($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// The error reading `text` gives, as `line:col: message`.
    private func error(_ text: String) -> String? {
        do {
            _ = try TOMLReader.read(text)
            return nil
        } catch {
            return "\(error.location.line):\(error.location.column): \(error.message)"
        }
    }

    @Test func readsTablesDottedKeysAndEveryValueKind() throws {
        let text = #"""
            # comment
            title = "A \"quoted\" \\ word\tand\u00E9\U0001F600"  # after a value
            path = 'C:\raw\path'
            "quoted key" = 1
            'literal key' = -2
            big = 1_000_000
            zero = 0
            half = 0.5
            signed = +1.5e-3
            exp = 6E2
            yes = true
            no = false
            list = [
              1,   # one
              "two",
              [3.0, false],
            ]
            empty = []
            inline = { a = 1, b.c = 'x' }
            site.name = "harbor"
            site.size = 2

            [backend]
            kind = "comfyui"

            [backend.comfyui]
            urls = ["http://a", "http://b"]
            """#
        #expect(try plain(read(text)) == #"""
            {title="A "quoted" \ word	andé😀", path="C:\raw\path", quoted key=1, literal key=-2, big=1000000, zero=0, \#
            half=0.5, signed=0.0015, exp=600.0, yes=true, no=false, list=[1, "two", [3.0, false]], empty=[], \#
            inline={a=1, b={c="x"}}, site={name="harbor", size=2}, backend={kind="comfyui", comfyui={urls=["http://a", "http://b"]}}}
            """#)
    }

    @Test func keysAndValuesCarryTheirLineAndColumn() throws {
        let root = try read("a = 1\n\n[backend]\n  kind   =  \"cards\"\n")
        guard case .table(let entries) = root.value, case .table(let backend) = entries[1].value.value else {
            Issue.record("expected two tables")
            return
        }
        #expect(entries[0].keyLocation.description == "1:1" && entries[0].value.location.description == "1:5")
        #expect(entries[1].keyLocation.description == "3:2")
        #expect(backend[0].keyLocation.description == "4:3" && backend[0].value.location.description == "4:13")
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreRead() throws {
        #expect(try plain(read("\u{FEFF}a = 1\r\nb = 'x'\r\n")) == #"{a=1, b="x"}"#)
        #expect(error("a = 1\r\nb = 2 x\r\n") == "2:7: expected the end of the line, found 'x'")
    }

    @Test func tableHeadersMayDefineParentsLaterButNothingTwice() throws {
        #expect(try plain(read("[a.b]\nx = 1\n[a]\ny = 2\n")) == "{a={b={x=1}, y=2}}")
        #expect(try plain(read("[a]\nb.c = 1\n[a.b.d]\ne = 2\n")) == "{a={b={c=1, d={e=2}}}}")
        #expect(error("[a]\nx = 1\n[a]\n") == "3:2: table [a] is already defined before")
        #expect(error("a.b = 1\n[a]\n") == "2:2: table [a] is already defined by dotted keys")
        #expect(error("x = 1\nx = 2\n") == "2:1: 'x' is defined twice")
        #expect(error("[s]\nx = 1\n[t]\n[s.x]\n") == "4:4: 's.x' is already a value, not a table")
        #expect(error("x = 1\nx.y = 2\n") == "2:1: 'x' is already a value, not a table")
        #expect(error("[a.b]\n[a]\nb.c = 1\n") == "3:1: table [a.b] is defined by a header; put its keys under it")
        #expect(error("t = { a = 1 }\n[t]\n") == "2:2: 't' is already a value, not a table")
        #expect(error("t = { a = 1, a = 2 }\n") == "1:14: 'a' is defined twice")
    }

    @Test func whatTheReaderDoesNotSupportIsAPositionedError() {
        #expect(error("x = \"\"\"long\"\"\"\n") == #"1:5: multi-line strings ("""...""") are not supported in a project file"#)
        #expect(error("x = '''long'''\n") == "1:5: multi-line strings ('''...''') are not supported in a project file")
        #expect(error("[[shots]]\n") == "1:1: arrays of tables ([[...]]) are not supported in a project file")
        #expect(error("when = 1979-05-27T07:32:00Z\n") == "1:8: dates and times are not supported in a project file")
        #expect(error("mask = 0xFF\n") == "1:8: hexadecimal, octal and binary integers are not supported in a project file")
        #expect(error("x = -inf\n") == "1:5: inf and nan are not supported in a project file")
    }

    @Test func malformedTOMLIsAPositionedError() {
        #expect(error("size = 1280x720\n") == "1:8: expected a value, found '1280x720'")
        #expect(error("x = \"open\n") == "1:5: the string does not end on its line")
        #expect(error("x = 'open\n") == "1:5: the string does not end on its line")
        #expect(error("x = \"a\\qb\"\n") == "1:7: unknown escape '\\q'")
        #expect(error("x = \"\\u12\"\n") == "1:6: \\u needs 4 hexadecimal digits")
        #expect(error("x = \"\\uD800\"\n") == "1:6: \\uD800 is not a Unicode scalar value")
        #expect(error("x = \"tab\u{01}\"\n") == "1:9: a control character must be written as an escape in a string")
        #expect(error("x 1\n") == "1:3: expected '=' after the key")
        #expect(error("= 1\n") == "1:1: expected a key")
        #expect(error("x =\n") == "1:4: expected a value")
        #expect(error("x = [1 2]\n") == "1:8: expected ',' or ']' in the list")
        #expect(error("x = [1,\n") == "2:1: expected a value")
        #expect(error("x = { a = 1,\n b = 2 }\n") == "1:13: expected a key")
        #expect(error("x = { a = 1 b = 2 }\n") == "1:13: expected ',' or '}' in the inline table (it must fit on one line)")
        #expect(error("[a\n") == "1:3: expected ']' to close the table header")
        #expect(error("x = 1 y = 2\n") == "1:7: expected the end of the line, found 'y'")
        #expect(error("x = 01\n") == "1:5: expected a value, found '01'")
        #expect(error("x = 1__0\n") == "1:5: expected a value, found '1__0'")
        #expect(error("x = 1.\n") == "1:5: expected a value, found '1.'")
        #expect(error("x = 99999999999999999999\n") == "1:5: the number 99999999999999999999 is too large")
    }
}

/// The value readers the schema is made of, on their own.
@Suite("project file: value readers")
struct ValueReaderTests {
    private let directory = URL(fileURLWithPath: "/studio")

    @Test func booleansAreTrueOrFalseInEitherFormat() throws {
        for (text, expected) in [("x = true", true), ("x = false", false)] {
            let root = try TOMLReader.read(text)
            guard case .table(let entries) = root.value else { throw ConfigError("not a table", at: root.location) }
            #expect(try ValueReader<Bool>.bool.read(entries[0].value, "x", directory) == expected)
        }
        let yaml = try YAMLReader.read("x: yes\ny: \"true\"\n")
        guard case .table(let entries) = yaml.value else { throw ConfigError("not a table", at: yaml.location) }
        #expect(try ValueReader<Bool>.bool.read(entries[0].value, "x", directory))
        let error = #expect(throws: ConfigError.self) { try ValueReader<Bool>.bool.read(entries[1].value, "y", directory) }
        #expect(error.map { "\($0.location):\($0.message)" } == "2:4:'y' must be true or false, not a string")
    }
}
