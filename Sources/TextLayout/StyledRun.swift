/// A piece of text in one style; paragraphs are laid out as sequences of runs.
public struct StyledRun<Style: Hashable & Sendable>: Hashable, Sendable {
    public var text: String
    public var style: Style
    /// No line may break between this run and the one before (a link and its `[n]`).
    public var keepsWithPrevious: Bool
    /// No line may break inside this run (a label such as `收藏`).
    public var isWhole: Bool

    public init(_ text: String, _ style: Style, keepsWithPrevious: Bool = false, isWhole: Bool = false) {
        self.text = text
        self.style = style
        self.keepsWithPrevious = keepsWithPrevious
        self.isWhole = isWhole
    }
}

/// One laid-out line: its runs (styles kept, adjacent runs of one style merged) and its width.
public struct StyledLine<Style: Hashable & Sendable>: Hashable, Sendable {
    public var runs: [StyledRun<Style>]
    public var width: Int

    public init(runs: [StyledRun<Style>], width: Int) {
        self.runs = runs
        self.width = width
    }

    /// The line's text without styles.
    public var text: String { runs.reduce(into: "") { $0 += $1.text } }
}
