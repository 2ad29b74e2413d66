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

    static func drawLinks(_ state: AppState, _ links: [String], selected: Int, into frame: inout Frame) {
        let rows = links.enumerated().map { " [\($0.offset + 1)] " + $0.element }
        drawBox(title: " " + state.strings.linksTitle(openKey: state.keymap.label(.open, first: true), closeKey: Key.escape.label), rows: rows, selected: selected, into: &frame)
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
        let width = min(frame.width - 4, max(DisplayWidth.of(title) + 2, (rows.map { DisplayWidth.of($0) }.max() ?? 0) + 2))
        let height = min(frame.height - 2, rows.count + 2)
        guard width > 4, height > 2 else { return }
        let box = Rect(x: (frame.width - width) / 2, y: (frame.height - height) / 2, width: width, height: height)
        frame.fill(box, style: TextStyle(.overlay))
        let inner = Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2)
        frame.draw(title, x: box.x, y: box.y, style: TextStyle(.overlayTitle, strong: true), clip: box)
        let first = max(0, min((selected ?? 0) - inner.height + 1, rows.count - inner.height))
        for offset in 0..<inner.height where first + offset < rows.count {
            let index = first + offset
            frame.draw(Truncation.truncate(rows[index], to: inner.width), x: inner.x, y: inner.y + offset, style: TextStyle(.overlay), clip: inner)
            if index == selected {
                frame.restyle(Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1)) { style in
                    style.role = .listSelected
                    style.reverse = true
                }
            }
        }
    }
}
