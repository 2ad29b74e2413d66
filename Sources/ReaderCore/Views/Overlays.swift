import TextLayout

/// Panels drawn over the panes: the key help and the link picker.
enum Overlays {
    /// The key help from row `top` on; the title says when there is more (j/k scroll it).
    static func drawHelp(_ state: AppState, from top: Int, into frame: inout Frame) {
        let rows = state.keymap.helpLines(state.strings).map { "  " + Truncation.fit($0.keys, to: 16) + "  " + $0.meaning }
        let visible = max(1, min(frame.height - 2, rows.count + 2) - 2)
        let first = max(0, min(top, rows.count - visible))
        let more = (first > 0 ? "↑" : "") + (first + visible < rows.count ? "↓" : "")
        let strings = state.strings
        let close = ([Key.escape.label] + [state.keymap.label(.quit, first: true)].filter { !$0.isEmpty })
            .joined(separator: " " + strings.keyWord + " ")
        let scroll = [state.keymap.label(.next, first: true), state.keymap.label(.previous, first: true)].joined(separator: "/")
        let title = " " + strings.helpTitle(closeKeys: close, scrollKeys: more.isEmpty ? nil : more + " " + scroll)
        drawBox(title: title, rows: Array(rows[first...]), selected: nil, into: &frame)
    }

    /// The link picker: only the rows in view are made, so an article with 40,000 links opens
    /// it and moves in it at once.
    static func drawLinks(_ state: AppState, _ links: [String], selected: Int, into frame: inout Frame) {
        func row(_ index: Int) -> String { " [\(index + 1)] " + links[index] }
        let widest = widestRow(links.count, limit: frame.width, bound: { links[$0].utf8.count + 4 + String($0 + 1).utf8.count }, row: row)
        drawBox(title: " " + state.strings.linksTitle(openKey: state.keymap.label(.open, first: true), closeKey: Key.escape.label),
                count: links.count, widest: widest, selected: selected, into: &frame, row: row)
    }

    /// The tag picker: every tag, then each tag with its unread and total counts.
    static func drawTags(_ state: AppState, selected: Int, into frame: inout Frame) {
        let strings = state.strings
        let rows = [" " + strings.allTags] + state.tagCounts.map { entry in
            " #" + Sanitizer.cleanLine(entry.tag) + "  " + strings.tagCounts(unread: entry.unread, total: entry.total)
        }
        drawBox(title: " " + strings.tagsTitle(openKey: state.keymap.label(.open, first: true), closeKey: Key.escape.label),
                rows: rows, selected: selected, into: &frame)
    }

    /// Every highlight: the passage, then its article's title and source.
    static func drawHighlights(_ state: AppState, selected: Int, into frame: inout Frame) {
        let rows = state.highlights.map { highlight -> String in
            let item = state.library.item(highlight.itemID)
            let source = [item?.title, item?.site ?? item?.author].compactMap { $0 }.map(Sanitizer.cleanLine).joined(separator: " · ")
            return " 「" + Truncation.truncate(Sanitizer.cleanLine(highlight.text), to: max(10, frame.width / 2)) + "」 — " + source
        }
        drawBox(title: " " + state.strings.highlightsTitle(count: rows.count, openKey: state.keymap.label(.open, first: true),
                                                           closeKey: Key.escape.label),
                rows: rows, selected: selected, into: &frame)
    }

    private static func drawBox(title: String, rows: [String], selected: Int?, into frame: inout Frame) {
        let widest = widestRow(rows.count, limit: frame.width, bound: { rows[$0].utf8.count }, row: { rows[$0] })
        drawBox(title: title, count: rows.count, widest: widest, selected: selected, into: &frame) { rows[$0] }
    }

    /// The columns of the widest of `count` rows, or `limit` when one is at least that wide. A
    /// row whose `bound` (its bytes: a column takes one at least) is no more than the widest so
    /// far is neither made nor measured.
    private static func widestRow(_ count: Int, limit: Int, bound: (Int) -> Int, row: (Int) -> String) -> Int {
        var widest = 0
        for index in 0..<count where bound(index) > widest {
            widest = max(widest, DisplayWidth.of(row(index)))
            if widest >= limit { return limit }
        }
        return widest
    }

    /// A box of `count` rows, `widest` columns at most, scrolled to `selected`: only the rows
    /// in view are made.
    private static func drawBox(title: String, count: Int, widest: Int, selected: Int?, into frame: inout Frame,
                                row: (Int) -> String) {
        let width = min(frame.width - 4, max(DisplayWidth.of(title) + 2, widest + 2))
        let height = min(frame.height - 2, count + 2)
        guard width > 4, height > 2 else { return }
        let box = Rect(x: (frame.width - width) / 2, y: (frame.height - height) / 2, width: width, height: height)
        frame.fill(box, style: TextStyle(.overlay))
        let inner = Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2)
        frame.draw(title, x: box.x, y: box.y, style: TextStyle(.overlayTitle, strong: true), clip: box)
        let first = max(0, min((selected ?? 0) - inner.height + 1, count - inner.height))
        for offset in 0..<inner.height where first + offset < count {
            let index = first + offset
            frame.draw(Truncation.truncate(row(index), to: inner.width), x: inner.x, y: inner.y + offset, style: TextStyle(.overlay), clip: inner)
            if index == selected {
                frame.restyle(Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1)) { style in
                    style.role = .listSelected
                    style.reverse = true
                }
            }
        }
    }
}
