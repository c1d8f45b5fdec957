import Planning

/// A filled rectangle on the card, in pixels of the drawing canvas.
struct Block: Hashable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
    var colour: String

    /// A `drawbox` filling the block.
    var filter: String {
        "drawbox=x=\(x):y=\(y):w=\(width):h=\(height):c=\(colour):t=fill"
    }
}

/// The set and the subject drawn behind the text: a horizon or a wall, and figures whose
/// size shows the shot size (a head a fortieth of the frame in an extreme wide shot, a face
/// filling it in an extreme close-up). The camera angle moves the horizon: a high angle
/// looks down on more ground, a low angle up at more sky.
struct FramingGuide: Sendable {
    var size: ShotSize
    var angle: CameraAngle
    var palette: CardPalette

    /// Where the horizon (or the foot of the back wall) lies, as a fraction of the frame
    /// height from the top.
    var horizonFraction: Double {
        let level = palette.isExterior ? 0.6 : 0.68
        switch angle {
        case .eyeLevel, .dutch: return level
        case .high: return level - 0.25
        case .low: return min(level + 0.2, 0.88)
        case .birdsEye, .aerial: return 0.1
        }
    }

    /// A figure's head height as a fraction of the frame height, by shot size.
    static func headFraction(_ size: ShotSize) -> Double {
        switch size {
        case .extremeWide: 0.025
        case .wide: 0.06
        case .mediumWide: 0.1
        case .medium: 0.16
        case .mediumCloseUp: 0.24
        case .closeUp: 0.38
        case .extremeCloseUp: 0.8
        case .twoShot: 0.13
        case .overTheShoulder: 0.22
        case .pointOfView: 0.08
        case .insert: 0
        }
    }

    /// The blocks for a canvas of `width`×`height` whose visible frame is `frameWidth`×
    /// `frameHeight` centred on it (the canvas is larger when the camera pans or tilts).
    func blocks(canvasWidth width: Int, canvasHeight height: Int, frameWidth: Int, frameHeight: Int) -> [Block] {
        let left = (width - frameWidth) / 2, top = (height - frameHeight) / 2
        func px(_ fraction: Double, of length: Int) -> Int { Int((fraction * Double(length)).rounded()) }
        let horizon = top + px(horizonFraction, of: frameHeight)
        var blocks = [Block(x: 0, y: horizon, width: width, height: height - horizon, colour: palette.ground)]
        if palette.isExterior {
            // Distant hills, so a pan or tilt has something to move past.
            for (index, fraction) in [0.02, 0.3, 0.62, 0.88].enumerated() {
                let hillWidth = px(0.22 + 0.05 * Double(index % 2), of: frameWidth)
                let hillHeight = px(0.035 + 0.02 * Double(index % 3), of: frameHeight)
                blocks.append(Block(
                    x: left + px(fraction, of: frameWidth) - hillWidth / 2, y: horizon - hillHeight, width: hillWidth,
                    height: hillHeight, colour: palette.ground))
            }
        } else {
            // A door and a window on the back wall, and the skirting board.
            blocks.append(Block(
                x: left + px(0.08, of: frameWidth), y: horizon - px(0.42, of: frameHeight), width: px(0.12, of: frameWidth),
                height: px(0.42, of: frameHeight), colour: palette.detail))
            blocks.append(Block(
                x: left + px(0.72, of: frameWidth), y: top + px(0.2, of: frameHeight), width: px(0.18, of: frameWidth),
                height: px(0.22, of: frameHeight), colour: palette.detail))
            blocks.append(Block(x: 0, y: horizon - 4, width: width, height: 4, colour: palette.detail))
        }
        let centreX = left + frameWidth / 2
        let eyeLine = top + px(0.4, of: frameHeight)
        let head = px(Self.headFraction(size), of: frameHeight)
        switch size {
        case .insert:
            let objectWidth = px(0.46, of: frameWidth), objectHeight = px(0.3, of: frameHeight)
            blocks.append(Block(
                x: centreX - objectWidth / 2, y: top + px(0.36, of: frameHeight), width: objectWidth,
                height: objectHeight, colour: palette.subject))
            blocks.append(Block(
                x: centreX - objectWidth / 2 + objectWidth / 10, y: top + px(0.44, of: frameHeight),
                width: objectWidth * 8 / 10, height: max(2, objectHeight / 14), colour: palette.detail))
        case .twoShot:
            blocks += figure(centreX: left + px(0.36, of: frameWidth), eyeLine: eyeLine, head: head)
            blocks += figure(centreX: left + px(0.64, of: frameWidth), eyeLine: eyeLine, head: head)
        case .overTheShoulder:
            blocks += figure(centreX: left + px(0.62, of: frameWidth), eyeLine: eyeLine, head: head)
            // The foreground shoulder and the back of a head, out of focus at the left.
            blocks.append(Block(
                x: left - px(0.05, of: frameWidth), y: top + px(0.55, of: frameHeight), width: px(0.4, of: frameWidth),
                height: height, colour: palette.detail))
            blocks.append(Block(
                x: left + px(0.06, of: frameWidth), y: top + px(0.18, of: frameHeight), width: px(0.2, of: frameWidth),
                height: px(0.42, of: frameHeight), colour: palette.detail))
        default:
            blocks += figure(centreX: centreX, eyeLine: eyeLine, head: head)
        }
        return blocks.map { $0.clipped(width: width, height: height) }.filter { $0.width > 0 && $0.height > 0 }
    }

    /// A standing figure: head (with eyes once it is large enough to read), torso and legs,
    /// scaled by the head's height.
    private func figure(centreX: Int, eyeLine: Int, head: Int) -> [Block] {
        let headWidth = head * 4 / 5
        let headTop = eyeLine - head * 9 / 20
        let torsoTop = headTop + head + max(1, head / 10)
        let torsoWidth = head * 23 / 10
        var parts = [
            Block(x: centreX - headWidth / 2, y: headTop, width: headWidth, height: head, colour: palette.subject),
            Block(x: centreX - torsoWidth / 2, y: torsoTop, width: torsoWidth, height: head * 3, colour: palette.subject),
            Block(x: centreX - torsoWidth / 2 + head / 5, y: torsoTop + head * 3, width: head * 4 / 5, height: head * 7 / 2,
                  colour: palette.subject),
            Block(x: centreX + torsoWidth / 2 - head / 5 - head * 4 / 5, y: torsoTop + head * 3, width: head * 4 / 5,
                  height: head * 7 / 2, colour: palette.subject),
        ]
        if head >= 60 {
            let eyeWidth = headWidth / 5, eyeHeight = max(2, head / 16)
            for offset in [-headWidth / 4, headWidth / 4] {
                parts.append(Block(
                    x: centreX + offset - eyeWidth / 2, y: eyeLine - eyeHeight / 2, width: eyeWidth, height: eyeHeight,
                    colour: palette.detail))
            }
        }
        return parts
    }
}

extension Block {
    /// The part of the block inside a `width`×`height` canvas.
    func clipped(width canvasWidth: Int, height canvasHeight: Int) -> Block {
        let left = max(0, x), top = max(0, y)
        let right = min(canvasWidth, x + width), bottom = min(canvasHeight, y + height)
        return Block(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top), colour: colour)
    }
}
