/// Where the reader stopped in an article, as a place in its text rather than a screen line, so
/// it survives another window size: the top-level block at the top of the pane and how far into
/// that block's lines (in ten-thousandths), and how much of the article had been seen (also in
/// ten-thousandths) for the list's percentage. `block` is -1 when only the share is known (an
/// Omnivore export's `readingProgress`).
public struct ReadingPosition: Sendable, Hashable {
    public var seen: Int
    public var block: Int
    public var intoBlock: Int

    public init(seen: Int, block: Int, intoBlock: Int) {
        self.seen = max(0, min(10_000, seen))
        self.block = max(-1, block)
        self.intoBlock = max(0, min(9_999, intoBlock))
    }

    /// Whether the reader has started the article and not reached its end.
    public var isStarted: Bool { seen > 0 && seen < 10_000 }
}
