import Foundation
import Generation
import Testing
import TestSupport

@Suite("SHA-256")
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SHA256.hex(input.utf8) == expected)
    }

    @Test func lengthsAroundTheBlockBoundary() async throws {
        // 55, 56 and 64 bytes pad differently; compare with the system's sha256sum.
        for length in [55, 56, 63, 64, 65, 119, 120] {
            let text = String(repeating: "x", count: length)
            let scratch = try Scratch()
            let file = scratch.file("input")
            try Array(text.utf8).withUnsafeBufferPointer { try Data(buffer: $0).write(to: file) }
            let output = String(decoding: try await runProgram("sha256sum", [file.path]), as: UTF8.self)
            #expect(output.hasPrefix(SHA256.hex(text.utf8)), "length \(length)")
        }
    }
}
