/// Where the header, the two panes and the status bar go for a terminal size and list split.
/// At 100 columns or more the list is on the left, else on top; each pane has a title row.
public struct ScreenLayout: Equatable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public var header: Rect
    public var listTitle: Rect
    public var list: Rect
    public var readerTitle: Rect
    public var reader: Rect
    public var separator: Rect
    public var status: Rect
    public var sideBySide: Bool

    public var fits: Bool { status.y > 0 }

    public init(width: Int, height: Int, listPercent: Int) {
        header = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        sideBySide = width >= 100
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            let empty = Rect(x: 0, y: 0, width: 0, height: 0)
            (listTitle, list, readerTitle, reader, separator) = (empty, empty, empty, empty, empty)
            status = Rect(x: 0, y: 0, width: width, height: min(height, 1))
            return
        }
        let body = height - 2
        if sideBySide {
            let listWidth = max(24, min(width - 40, width * listPercent / 100))
            listTitle = Rect(x: 0, y: 1, width: listWidth, height: 1)
            list = Rect(x: 0, y: 2, width: listWidth, height: body - 1)
            separator = Rect(x: listWidth, y: 1, width: 1, height: body)
            readerTitle = Rect(x: listWidth + 1, y: 1, width: width - listWidth - 1, height: 1)
            reader = Rect(x: listWidth + 1, y: 2, width: width - listWidth - 1, height: body - 1)
        } else {
            let listHeight = max(3, min(body - 4, body * listPercent / 100))
            listTitle = Rect(x: 0, y: 1, width: width, height: 1)
            list = Rect(x: 0, y: 2, width: width, height: listHeight - 1)
            separator = Rect(x: 0, y: 1 + listHeight, width: 0, height: 0)
            readerTitle = Rect(x: 0, y: 1 + listHeight, width: width, height: 1)
            reader = Rect(x: 0, y: 2 + listHeight, width: width, height: body - listHeight - 1)
        }
    }

    /// The columns an article is laid out for in the reader pane (one column of margin each side).
    public var articleWidth: Int { max(ArticleView.minimumWidth, reader.width - 2) }
}
