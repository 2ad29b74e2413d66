import CNcursesw
import ReaderCore

/// Copies a `Frame` to the screen, drawing only the cells that changed since the last frame.
struct FrameBlitter {
    private var previous: Frame?
    var pairs: ColorPairs

    init(pairs: ColorPairs) {
        self.pairs = pairs
    }

    /// Forgets what is on screen, so the next frame is drawn whole (after a resize or a
    /// program that used the terminal).
    mutating func invalidate() {
        previous = nil
        clear()
    }

    mutating func draw(_ frame: Frame) {
        let reuse = previous.map { $0.width == frame.width && $0.height == frame.height } ?? false
        if !reuse { clear() }
        let limit = Int(tsu_ccharw_max())
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.isContinuation { continue }
                if reuse, let previous, previous[x, y] == cell, !(x + 1 < frame.width && previous[x + 1, y] != frame[x + 1, y]) {
                    continue
                }
                var characters = cell.text.unicodeScalars.prefix(limit).map { wchar_t(bitPattern: $0.value) }
                if characters.isEmpty { characters = [0x20] }
                characters.append(0)
                let (attributes, pair) = pairs.attributes(for: cell.style)
                _ = tsu_put_cell(Int32(y), Int32(x), characters, attributes, pair)
            }
        }
        previous = frame
        refresh()
    }
}
