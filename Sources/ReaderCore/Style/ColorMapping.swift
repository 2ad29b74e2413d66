/// Turns theme colours into the palette indices a terminal has: 256-colour and true-colour
/// themes degrade to the nearest of 16 or 8 colours.
public enum ColorMapping {
    public static func index(for color: ThemeColor, colors: Int) -> Int {
        switch color {
        case .index(let index):
            if index < min(colors, 256) { return index }
            return nearest(rgb(ofIndex: index), among: min(colors, 16))
        case .rgb(let red, let green, let blue):
            return nearest((red, green, blue), among: min(colors, 256))
        }
    }

    /// The RGB value xterm gives a palette index.
    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        let basic: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
                                        (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
                                        (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if index < 16 { return basic[index] }
        if index < 232 {
            let steps = [0, 95, 135, 175, 215, 255]
            let value = index - 16
            return (steps[value / 36], steps[value / 6 % 6], steps[value % 6])
        }
        let gray = 8 + (index - 232) * 10
        return (gray, gray, gray)
    }

    private static func nearest(_ color: (Int, Int, Int), among count: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<max(1, count) {
            let candidate = rgb(ofIndex: index)
            let distance = square(candidate.0 - color.0) * 3 + square(candidate.1 - color.1) * 4 + square(candidate.2 - color.2) * 2
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    private static func square(_ value: Int) -> Int { value * value }
}
