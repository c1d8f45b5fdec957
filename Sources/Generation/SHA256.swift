import CSHA256

/// SHA-256 (FIPS 180-4), self-contained: cache keys and build digests must not depend on a
/// platform's crypto library, and a key can be checked with `sha256sum` on its canonical
/// text. The rounds are the CSHA256 target's (SHA-NI when the CPU has it, else portable C),
/// hashed from the caller's bytes where they are contiguous. Not constant-time; never used
/// for secrets.
public enum SHA256 {
    /// The digest of `bytes` as 64 lowercase hexadecimal digits.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digest = digest(bytes)
        return String(unsafeUninitializedCapacity: 64) { text in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65) { digits in
                animatic_sha256_hex(digest, digits.baseAddress!)
                for index in 0..<64 { text[index] = UInt8(bitPattern: digits[index]) }
            }
            return 64
        }
    }

    /// The 32-byte digest of `bytes`.
    public static func digest<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var context = hashed(bytes)
        var digest = [UInt8](repeating: 0, count: 32)
        animatic_sha256_final(&context, &digest)
        return digest
    }

    /// A context that has hashed `bytes`: in place when the sequence is contiguous (an array,
    /// `Data`, a string's UTF-8), else from a copy.
    private static func hashed<Bytes: Sequence>(_ bytes: Bytes) -> animatic_sha256 where Bytes.Element == UInt8 {
        var context = animatic_sha256()
        animatic_sha256_init(&context, 1)
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            animatic_sha256_update(&context, buffer.baseAddress, buffer.count)
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { animatic_sha256_update(&context, $0.baseAddress, $0.count) }
        }
        return context
    }
}
