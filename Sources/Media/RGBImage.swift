import CFFmpeg

/// An 8-bit RGB picture in memory: `width`×`height` pixels of three bytes (red, green,
/// blue), rows top to bottom with no padding.
public struct RGBImage: Sendable, Hashable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// `width * height * 3` bytes.
    public var pixels: [UInt8]

    /// A picture of the given size filled with one colour.
    public init(width: Int, height: Int, red: UInt8 = 0, green: UInt8 = 0, blue: UInt8 = 0) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        if red != 0 || green != 0 || blue != 0 {
            for index in stride(from: 0, to: pixels.count, by: 3) {
                pixels[index] = red
                pixels[index + 1] = green
                pixels[index + 2] = blue
            }
        }
    }

    /// A picture from its bytes; nil unless there are exactly `width * height * 3` of them.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 3 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The mean red, green and blue of the `width`×`height` region at `x`, `y` (clipped
    /// to the picture), each 0–255.
    public func meanColour(x: Int = 0, y: Int = 0, width: Int? = nil, height: Int? = nil)
        -> (red: Double, green: Double, blue: Double)
    {
        let left = max(0, x)
        let top = max(0, y)
        let right = min(self.width, x + (width ?? self.width))
        let bottom = min(self.height, y + (height ?? self.height))
        guard right > left, bottom > top else { return (0, 0, 0) }
        var sums = (0, 0, 0)
        for row in top..<bottom {
            var index = (row * self.width + left) * 3
            for _ in left..<right {
                sums.0 += Int(pixels[index])
                sums.1 += Int(pixels[index + 1])
                sums.2 += Int(pixels[index + 2])
                index += 3
            }
        }
        let count = Double((right - left) * (bottom - top))
        return (Double(sums.0) / count, Double(sums.1) / count, Double(sums.2) / count)
    }

    /// Copies an `AV_PIX_FMT_RGB24` frame's rows out.
    init(rgbFrame owner: Frame) {
        let frame = owner.pointer
        let width = Int(frame.pointee.width)
        let height = Int(frame.pointee.height)
        let rowBytes = width * 3
        let stride = Int(frame.pointee.linesize.0)
        let data = frame.pointee.data.0!
        self.width = width
        self.height = height
        pixels = [UInt8](unsafeUninitializedCapacity: rowBytes * height) { buffer, count in
            for row in 0..<height {
                (buffer.baseAddress! + row * rowBytes).initialize(from: data + row * stride, count: rowBytes)
            }
            count = rowBytes * height
        }
        withExtendedLifetime(owner) {}
    }

    /// A new `AV_PIX_FMT_RGB24` frame holding a copy of the picture.
    func makeFrame() throws(MediaError) -> Frame {
        let frame = try Frame(rgbWidth: width, height: height)
        frame.drawRGB(self, x: 0, y: 0)
        return frame
    }
}

extension Frame {
    /// A frame with an `AV_PIX_FMT_RGB24` buffer of `width`×`height`, its pixels unset.
    convenience init(rgbWidth width: Int, height: Int) throws(MediaError) {
        try self.init()
        pointer.pointee.width = Int32(width)
        pointer.pointee.height = Int32(height)
        pointer.pointee.format = AV_PIX_FMT_RGB24.rawValue
        try check(av_frame_get_buffer(pointer, 0), "av_frame_get_buffer")
    }

    /// Sets every pixel of an RGB frame to `colour`: the first row pixel by pixel, the
    /// others copied from it.
    func fillRGB(_ colour: (red: UInt8, green: UInt8, blue: UInt8)) {
        let width = Int(pointer.pointee.width), height = Int(pointer.pointee.height)
        let stride = Int(pointer.pointee.linesize.0)
        let data = pointer.pointee.data.0!
        for x in 0..<width {
            data[3 * x] = colour.red
            data[3 * x + 1] = colour.green
            data[3 * x + 2] = colour.blue
        }
        for row in 1..<max(1, height) {
            (data + row * stride).update(from: data, count: width * 3)
        }
    }

    /// Copies `image` into an RGB frame with its top-left corner at `x`, `y`, clipped.
    func drawRGB(_ image: RGBImage, x: Int, y: Int) {
        let width = Int(pointer.pointee.width), height = Int(pointer.pointee.height)
        let stride = Int(pointer.pointee.linesize.0)
        let data = pointer.pointee.data.0!
        let left = max(0, x)
        let right = min(width, x + image.width)
        guard right > left else { return }
        let rowBytes = (right - left) * 3
        image.pixels.withUnsafeBufferPointer { source in
            for row in max(0, y)..<max(max(0, y), min(height, y + image.height)) {
                let from = ((row - y) * image.width + (left - x)) * 3
                (data + row * stride + left * 3).update(from: source.baseAddress! + from, count: rowBytes)
            }
        }
    }
}
