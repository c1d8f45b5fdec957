#if canImport(Glibc)
import Glibc
import Media
import Testing

/// A large buffer is unmapped when freed even after a larger one was: glibc's malloc no
/// longer moves its mmap threshold up to the largest block freed (`LargeBuffers`).
@Suite("Large buffers")
struct LargeBuffersTests {
    /// Whether glibc mapped the block at `pointer` on its own: malloc.c marks such a block
    /// with the `IS_MMAPPED` bit (2) of the size word just before it.
    static func isMapped(_ pointer: UnsafeMutableRawPointer) -> Bool {
        pointer.load(fromByteOffset: -MemoryLayout<Int>.size, as: Int.self) & 2 != 0
    }

    /// In a process of its own: in this one, blocks other tests freed could serve the malloc.
    @Test func aMegabyteIsMappedAfterEightMegabytesAreFreed() async {
        await #expect(processExitsWith: .success) {
            LargeBuffers.returnToTheSystemWhenFreed()
            // By default, freeing this mapped block raises the threshold to its size (looking
            // at it also keeps the optimiser from taking the malloc and free away).
            guard let larger = malloc(8 << 20), LargeBuffersTests.isMapped(larger) else { exit(2) }
            free(larger)
            guard let buffer = malloc(1 << 20) else { exit(2) }
            exit(LargeBuffersTests.isMapped(buffer) ? 0 : 1)
        }
    }
}
#endif
