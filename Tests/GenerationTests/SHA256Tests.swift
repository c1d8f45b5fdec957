import CSHA256
import Foundation
import Generation
import Media
import Testing
import TestSupport

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-4's examples (NIST's SHA256.pdf), and the million-'a' vector (as a test of
    /// its own, so that its million characters are not printed as a test argument).
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test func aMillionAs() {
        knownVectors(input: String(repeating: "a", count: 1_000_000),
                     expected: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: vectors)
    func knownVectors(input: String, expected: String) {
        #expect(SHA256.hex(input.utf8) == expected)
        // Not contiguous: hashed from a copy.
        #expect(SHA256.hex(input.utf8.lazy.map { $0 }) == expected)
        #expect(Self.hex(Array(input.utf8), hardware: 0) == expected)
        #expect(Self.hex(Array(input.utf8), hardware: 1) == expected)
    }

    @Test func thisMachineRunsTheSHAExtensionsWhereItHasThem() throws {
        // On x86-64 with SHA in /proc/cpuinfo (Linux), the fast path must be the one taken:
        // else the vectors above would test the portable code twice.
        // A machine without /proc says nothing either way (and a kernel booted with
        // clearcpuid=sha_ni hides the flag CPUID still shows: such a machine fails here).
        #if arch(x86_64)
        guard let flags = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return }
        #expect((animatic_sha256_hardware_available() == 1) == flags.contains(" sha_ni"))
        #else
        #expect(animatic_sha256_hardware_available() == 0)
        #endif
    }

    @Test func bothPathsAgreeOnRandomMessagesFedInRandomPieces() {
        var random = SeededGenerator(state: 19)
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097, 65_536 + 7] {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let whole = SHA256.hex(message)
            for hardware: Int32 in [0, 1] {
                var context = animatic_sha256()
                animatic_sha256_init(&context, hardware)
                var offset = 0
                while offset < message.count {
                    let piece = min(Int.random(in: 0...150, using: &random), message.count - offset)
                    message.withUnsafeBufferPointer { animatic_sha256_update(&context, $0.baseAddress! + offset, piece) }
                    offset += piece
                }
                var digest = [UInt8](repeating: 0, count: 32)
                animatic_sha256_final(&context, &digest)
                #expect(digest.map { String(format: "%02x", $0) }.joined() == whole, "length \(length), hardware \(hardware)")
            }
        }
    }

    @Test func filesOfManyLengthsDigestAsSha256sumSays() async throws {
        // RegularFile.digest reads 1 MiB at a time: lengths around the 64-byte blocks and the
        // 1 MiB reads, compared with coreutils' sha256sum, and SHA256.hex of the same bytes.
        var random = SeededGenerator(state: 6)
        let scratch = try Scratch()
        for length in [0, 55, 56, 63, 64, 65, 119, 120, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20 | 17] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let file = scratch.file("input-\(length)")
            try Data(bytes).write(to: file)
            let output = String(decoding: try await runProgram("sha256sum", [file.path]), as: UTF8.self)
            let expected = String(output.prefix(64))
            #expect(RegularFile.digest(file.path) == FileDigest(size: length, sha256: expected), "length \(length)")
            #expect(SHA256.hex(bytes) == expected, "length \(length)")
        }
    }

    private static func hex(_ bytes: [UInt8], hardware: Int32) -> String {
        var context = animatic_sha256()
        animatic_sha256_init(&context, hardware)
        animatic_sha256_update(&context, bytes, bytes.count)
        var digest = [UInt8](repeating: 0, count: 32)
        animatic_sha256_final(&context, &digest)
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
