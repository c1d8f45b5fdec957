// digest-bench: SHA-256 throughput of CSHA256 (the SHA-NI path and the portable C path)
// against libavutil's `av_sha` (what RegularFile.digest used before session 6), on the same
// in-memory buffer in the same run (bench/README.md, "Session 6: the video chain").
//
//   swift run -c release --scratch-path .build-release digest-bench [--mib N] [--runs N]
//
// Each figure is the best of --runs runs, in GB/s (10^9 bytes a second); the ratios are
// against av_sha's.
import CFFmpeg
import CSHA256
import Foundation

/// `--mib N` (the buffer's size) and `--runs N`.
func options() -> (mebibytes: Int, runs: Int) {
    var values = ["--mib": 64, "--runs": 5]
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        guard let value = arguments.next().flatMap(Int.init), value > 0, values[argument] != nil else {
            FileHandle.standardError.write(Data("usage: digest-bench [--mib N] [--runs N]\n".utf8))
            exit(64)
        }
        values[argument] = value
    }
    return (values["--mib"]!, values["--runs"]!)
}

let (mebibytes, runs) = options()

let count = mebibytes << 20
var random = SystemRandomNumberGenerator()
let buffer = (0..<count / 8).flatMap { _ in withUnsafeBytes(of: random.next() as UInt64) { Array($0) } }

/// The best of `runs` throughputs of `hash` over `buffer`, in GB/s, and the digest it gave.
func measure(_ hash: (UnsafeBufferPointer<UInt8>) -> [UInt8]) -> (rate: Double, digest: [UInt8]) {
    var best = Double.infinity, digest: [UInt8] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        digest = buffer.withUnsafeBufferPointer(hash)
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (Double(count) / best / 1e9, digest)
}

func csha256(hardware: Int32) -> (UnsafeBufferPointer<UInt8>) -> [UInt8] {
    { bytes in
        var context = animatic_sha256()
        animatic_sha256_init(&context, hardware)
        animatic_sha256_update(&context, bytes.baseAddress, bytes.count)
        var digest = [UInt8](repeating: 0, count: 32)
        animatic_sha256_final(&context, &digest)
        return digest
    }
}

let reference = measure { bytes in
    let context = av_sha_alloc()!
    defer { av_free(UnsafeMutableRawPointer(context)) }
    av_sha_init(context, 256)
    av_sha_update(context, bytes.baseAddress, bytes.count)
    var digest = [UInt8](repeating: 0, count: 32)
    av_sha_final(context, &digest)
    return digest
}
print(String(format: "%d MiB, best of %d: libavutil av_sha %.3f GB/s", mebibytes, runs, reference.rate))
for (name, hardware) in [("CSHA256 portable C", Int32(0)), ("CSHA256 SHA-NI", 1)] {
    if hardware == 1 && animatic_sha256_hardware_available() == 0 {
        print("\(name): this CPU has no SHA extensions")
        continue
    }
    let result = measure(csha256(hardware: hardware))
    if result.digest != reference.digest { FileHandle.standardError.write(Data("\(name): a different digest\n".utf8)); exit(1) }
    print(String(format: "%@ %.3f GB/s, %.2f× av_sha", name, result.rate, result.rate / reference.rate))
}
