import CNcursesw
import ReaderCore
import TextLayout

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

    /// Draws what changed. A cluster a curses cell can hold goes through curses; any other
    /// (more scalars than `CCHARW_MAX`, a second spacing scalar, or a width that is not its first
    /// scalar's) is drawn by curses as spaces over all its columns and then written whole,
    /// straight to the terminal, at its position: every cluster of the text reaches the screen.
    mutating func draw(_ frame: Frame) {
        let reuse = previous.map { $0.width == frame.width && $0.height == frame.height } ?? false
        if !reuse { clear() }
        var whole: [(x: Int, y: Int, cell: Cell)] = []
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.isContinuation { continue }
                if reuse, let previous, previous[x, y] == cell, !(x + 1 < frame.width && previous[x + 1, y] != frame[x + 1, y]) {
                    continue
                }
                let (attributes, pair) = pairs.attributes(for: cell.style)
                if let characters = Self.cursesCharacters(cell.text) {
                    _ = tsu_put_cell(Int32(y), Int32(x), characters, attributes, pair)
                    continue
                }
                var column = x
                repeat {
                    _ = tsu_put_cell(Int32(y), Int32(column), [0x20, 0], attributes, pair)
                    column += 1
                } while column < frame.width && frame[column, y].isContinuation
                whole.append((x, y, cell))
            }
        }
        previous = frame
        move(0, 0)
        refresh()
        guard !whole.isEmpty else { return }
        for (x, y, cell) in whole {
            let (attributes, pair) = pairs.attributes(for: cell.style)
            tsu_put_raw_cluster(Int32(y), Int32(x), Self.printable(cell.text), attributes, pair)
        }
        tsu_end_raw_clusters(0, 0)
        refresh()
    }

    /// The cluster as the wide characters of one curses cell (NUL-terminated), or nil when a
    /// cell cannot hold it the way the layout measured it.
    static func cursesCharacters(_ text: String) -> [wchar_t]? {
        let scalars = text.unicodeScalars
        guard let first = scalars.first else { return [0x20, 0] }
        if scalars.count == 1 { return [wchar_t(bitPattern: first.value), 0] }
        guard scalars.count < Int(tsu_ccharw_max()), let character = text.first,
              DisplayWidth.of(character) == DisplayWidth.of(first),
              scalars.dropFirst().allSatisfy({ DisplayWidth.of($0) == 0 }) else { return nil }
        return scalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }

    /// The cluster's text with anything that could act as a control replaced: it is written to
    /// the terminal as it is.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "\u{FFFD}" : scalar
        }))
    }
}
