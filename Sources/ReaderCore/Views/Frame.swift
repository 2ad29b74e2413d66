import TextLayout

/// A rectangle of terminal cells: origin at the top left, size in columns and rows.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
}

/// One terminal cell: a grapheme cluster (empty for the cells a wide one covers after its first) and its style.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: TextStyle
    /// A cell covered by a cluster of two or more columns drawn in a cell before it.
    public var isContinuation: Bool

    public static let blank = Cell(text: " ", style: TextStyle(.body), isContinuation: false)
}

/// What the screen shows: a grid of cells that views draw into and the backend copies to the
/// terminal. Wide clusters take two cells; nothing drawn ever spills past a clip rectangle.
public struct Frame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Fills a rectangle with spaces in a style. A wide cluster that the rectangle cuts becomes
    /// spaces too, so nothing of it is left half drawn beside the rectangle.
    public mutating func fill(_ rect: Rect, style: TextStyle) {
        let left = max(0, rect.x), right = min(width, rect.x + rect.width)
        guard left < right else { return }
        for row in max(0, rect.y)..<min(height, rect.y + rect.height) {
            clearCluster(at: left, row)
            clearCluster(at: right - 1, row)
            for column in left..<right {
                cells[row * width + column] = Cell(text: " ", style: style, isContinuation: false)
            }
        }
    }

    /// Draws text from (x, y) within `clip`, one cluster per cell (two for wide ones); a wide
    /// cluster that would cross the clip edge becomes a space. Returns the columns used.
    @discardableResult
    public mutating func draw(_ text: String, x: Int, y: Int, style: TextStyle, clip: Rect) -> Int {
        guard y >= max(0, clip.y), y < min(height, clip.y + clip.height) else { return 0 }
        let right = min(width, clip.x + clip.width)
        var column = x
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns == 0 { continue }
            if column + columns > right {
                if column < right, column >= clip.x { put(" ", column, y, style) }
                break
            }
            if column >= clip.x {
                put(String(character), column, y, style)
                for extra in 1..<max(columns, 1) {
                    cells[y * width + column + extra] = Cell(text: "", style: style, isContinuation: true)
                }
            }
            column += columns
        }
        return column - x
    }

    /// Draws styled runs in sequence on one row.
    @discardableResult
    public mutating func draw(_ runs: [StyledRun<TextStyle>], x: Int, y: Int, clip: Rect) -> Int {
        var column = x
        for run in runs { column += draw(run.text, x: column, y: y, style: run.style, clip: clip) }
        return column - x
    }

    /// Changes the style of a row's cells within a rectangle, keeping their text.
    public mutating func restyle(_ rect: Rect, _ change: (inout TextStyle) -> Void) {
        for row in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for column in max(0, rect.x)..<min(width, rect.x + rect.width) {
                change(&cells[row * width + column].style)
            }
        }
    }

    private mutating func put(_ text: String, _ x: Int, _ y: Int, _ style: TextStyle) {
        clearCluster(at: x, y)
        cells[y * width + x] = Cell(text: text, style: style, isContinuation: false)
    }

    /// Turns the whole cluster covering (x, y), its first cell and every cell it covers, into
    /// spaces in their own styles.
    private mutating func clearCluster(at x: Int, _ y: Int) {
        let index = y * width + x
        guard cells[index].isContinuation || (x + 1 < width && cells[index + 1].isContinuation) else { return }
        var lead = x
        while lead > 0, cells[y * width + lead].isContinuation { lead -= 1 }
        var end = lead + 1
        while end < width, cells[y * width + end].isContinuation { end += 1 }
        guard end - lead > 1 else { return }
        for column in lead..<end {
            cells[y * width + column] = Cell(text: " ", style: cells[y * width + column].style, isContinuation: false)
        }
    }

    /// The roles of the cells in `rect`, one character per cell as `legend` names them (`·` for a
    /// role not in it): how a golden test states which cells are a heading, a link, a selected row.
    public func roles(in rect: Rect, legend: [Role: Character]) -> [String] {
        (max(0, rect.y)..<min(height, rect.y + rect.height)).map { row in
            String((max(0, rect.x)..<min(width, rect.x + rect.width)).map { legend[self[$0, row].style.role] ?? "·" })
        }
    }

    /// The text of the cells in `rect`, row by row, trailing spaces trimmed.
    public func text(in rect: Rect) -> [String] {
        (max(0, rect.y)..<min(height, rect.y + rect.height)).map { row in
            var line = (max(0, rect.x)..<min(width, rect.x + rect.width)).map { self[$0, row] }
                .filter { !$0.isContinuation }.map(\.text).joined()
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The rows as text, trailing spaces kept: what tests compare with literals.
    public var lines: [String] {
        (0..<height).map { row in
            (0..<width).map { self[$0, row] }.filter { !$0.isContinuation }.map(\.text).joined()
        }
    }
}
