import TextLayout

/// What a piece of text is, for the theme to colour: views speak in roles, never in colours.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case body, title, meta, heading, link, linkNumber, quote, quoteBar, code, continuation
    case listMarker, image, rule, tableBorder, highlight
    case listUnread, listRead, listDate, listSource, listMark, listSelected, listSelectedUnfocused
    case header, status, statusMessage, statusProgress, statusError, border, borderFocused, overlay, overlayTitle, search
}

/// A role plus the attributes Markdown adds inside it.
public struct TextStyle: Hashable, Sendable {
    public var role: Role
    public var emphasis = false
    public var strong = false
    public var strikethrough = false
    /// Drawn with foreground and background swapped (the selection when colours are off).
    public var reverse = false

    public init(_ role: Role, emphasis: Bool = false, strong: Bool = false, strikethrough: Bool = false) {
        self.role = role
        self.emphasis = emphasis
        self.strong = strong
        self.strikethrough = strikethrough
    }
}

/// One line of the reader view.
public typealias ArticleLine = StyledLine<TextStyle>
