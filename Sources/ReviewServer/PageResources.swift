import Foundation

/// The page's files, shipped with the target (`Page/`).
enum PageResources {
    static func file(_ name: String) -> Data? {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Page").flatMap { try? Data(contentsOf: $0) }
    }
}
