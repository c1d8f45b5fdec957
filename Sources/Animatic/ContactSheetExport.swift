import CutLists
import Foundation
import Generation
import Media

/// The contact sheet beside the video: one frame per shot in a grid of `columns` across,
/// captioned with the shot ID and record timecode in DejaVu Sans Bold. Up to
/// `shotsPerPage` shots it is one image, `film.contact.png`; a longer film's sheet is in
/// pages of `shotsPerPage` shots, `film.contact-001.png`, `film.contact-002.png`, … (a
/// feature's 1,700 shots on one page would be an image some 50,000 pixels tall).
/// Each page is written atomically; pages a previous build left beyond the last are removed.
enum ContactSheetExport {
    static let columns = 6
    static let rows = 10
    static var shotsPerPage: Int { columns * rows }

    /// The grid for thumbnails of `thumbnail` size.
    static func layout(thumbnail: FrameSize) -> ContactSheet {
        ContactSheet(
            columns: columns, cellWidth: thumbnail.width, cellHeight: thumbnail.height, captionHeight: 20,
            spacing: 8, fontFile: CardFonts.dejaVuBold, fontSize: 13)
    }

    /// The files of a sheet of `pages` pages beside `video`.
    static func urls(pages: Int, video: URL) -> [URL] {
        let base = video.deletingPathExtension()
        if pages == 1 { return [base.appendingPathExtension("contact.png")] }
        return (1...max(1, pages)).map { page in
            let number = String(page)
            return base.appendingPathExtension("contact-" + String(repeating: "0", count: max(0, 3 - number.count)) + number + ".png")
        }
    }

    /// Writes the sheet of `frames` from their `thumbnails` (JPEG by shot ID, all of one size),
    /// composing up to `jobs` pages at once; returns the files written.
    static func write(
        _ frames: [ShotFrame], thumbnails: [String: Data], thumbnail: FrameSize, video: URL, jobs: Int
    ) async throws -> [URL] {
        guard !frames.isEmpty else { return [] }
        let sheet = layout(thumbnail: thumbnail)
        let pages = stride(from: 0, to: frames.count, by: shotsPerPage).map {
            Array(frames[$0..<min(frames.count, $0 + shotsPerPage)])
        }
        let urls = urls(pages: pages.count, video: video)
        var cells: [[(image: Data, caption: String)]] = []
        for page in pages {
            cells.append(try page.map { frame in
                guard let image = thumbnails[frame.shotID] else {
                    throw AnimaticError(.internalFailure, "no thumbnail for shot \(frame.shotID)")
                }
                return (image, frame.caption)
            })
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var queue = zip(cells, urls).makeIterator()
            func startNext() {
                guard let (page, url) = queue.next() else { return }
                group.addTask {
                    let data: Data
                    do { data = try await sheet.png(page) } catch let error as CancellationError {
                        throw error
                    } catch {
                        throw AnimaticError(.internalFailure, "cannot draw \(url.lastPathComponent): \(error)")
                    }
                    try AtomicFile.write(data, to: url)
                }
            }
            for _ in 0..<max(1, jobs) { startNext() }
            while try await group.next() != nil { startNext() }
        }
        removeStalePages(keeping: urls, video: video)
        return urls
    }

    /// Removes sheet pages beside `video` that this build did not write.
    private static func removeStalePages(keeping written: [URL], video: URL) {
        let directory = video.deletingLastPathComponent()
        let base = video.deletingPathExtension().lastPathComponent + ".contact"
        let kept = Set(written.map(\.lastPathComponent))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where !kept.contains(name) && name.hasPrefix(base) && name.hasSuffix(".png") {
            let middle = name.dropFirst(base.count).dropLast(".png".count)
            let isPage = middle.isEmpty || (middle.first == "-" && middle.count >= 4 && middle.dropFirst().allSatisfy(\.isASCIIDigit))
            if isPage { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
