import TextLayout

/// Where state becomes cells: draws the whole screen for a state into a `Frame`.
public enum Screen {
    public static func render(_ state: AppState) -> Frame {
        var frame = Frame(width: state.width, height: state.height)
        let layout = state.layout
        guard layout.fits else {
            let notice = state.strings.terminalTooSmall(minimumWidth: ScreenLayout.minimumWidth, minimumHeight: ScreenLayout.minimumHeight,
                                                        width: state.width, height: state.height)
            let whole = Rect(x: 0, y: 0, width: state.width, height: state.height)
            let lines = LineBreaker.wrap([StyledRun(notice, TextStyle(.statusError))], width: max(2, state.width))
            for (row, line) in lines.prefix(state.height).enumerated() { frame.draw(line.runs, x: 0, y: row, clip: whole) }
            return frame
        }
        HeaderBar.draw(state, into: &frame, at: layout.header)
        ListPane.draw(state, into: &frame, layout: layout)
        ReaderPane.draw(state, into: &frame, layout: layout)
        if layout.sideBySide {
            for row in layout.separator.y..<(layout.separator.y + layout.separator.height) {
                frame.draw("│", x: layout.separator.x, y: row, style: TextStyle(.border), clip: layout.separator)
            }
        }
        StatusBar.draw(state, into: &frame, at: layout.status)
        switch state.overlay {
        case .help(let top)?: Overlays.drawHelp(state, from: top, into: &frame)
        case .links(let selected)?: Overlays.drawLinks(state, state.reader?.view?.links ?? [], selected: selected, into: &frame)
        case .tags(let selected)?: Overlays.drawTags(state, selected: selected, into: &frame)
        case .highlights(let selected)?: Overlays.drawHighlights(state, selected: selected, into: &frame)
        case nil: break
        }
        return frame
    }
}

/// The top line: program, library, filter and counts.
enum HeaderBar {
    static func draw(_ state: AppState, into frame: inout Frame, at rect: Rect) {
        frame.fill(rect, style: TextStyle(.header))
        let tag = state.tag.map { " · #" + Sanitizer.cleanLine($0) } ?? ""
        let order = state.order == .newest ? "" : " · " + state.strings.orderName(state.order.rawValue)
        let text = " tsundoku · \(Sanitizer.cleanLine(state.libraryName)) · \(state.filterName)\(tag)\(order) · "
            + state.strings.counts(unread: state.unreadCount, total: state.library.items.count)
            + (state.isLoading ? " · " + state.strings.loadingShort : "")
        frame.draw(text, x: 0, y: rect.y, style: TextStyle(.header, strong: true), clip: rect)
    }
}

/// The line at the bottom: the search being typed, a message, or key hints, and the position.
enum StatusBar {
    static func draw(_ state: AppState, into frame: inout Frame, at rect: Rect) {
        frame.fill(rect, style: TextStyle(.status))
        var position = state.rows.isEmpty ? "0/0" : "\(state.selected + 1)/\(state.rows.count)"
        if state.focus == .reader, let reader = state.reader, let view = reader.view,
           let percent = view.percentSeen(top: reader.top, height: state.layout.reader.height) {
            position += " · " + (percent >= 100 ? state.strings.atEnd : "\(percent)%")
        }
        let right = " " + position + " "
        let rightWidth = DisplayWidth.of(right)
        let left: (String, TextStyle)
        if state.isSearching || !state.query.isEmpty {
            left = (" /" + Sanitizer.cleanLine(state.query) + (state.isSearching ? "▏" : "  " + state.strings.searchClearHint(Key.escape.label)), TextStyle(.search))
        } else if let message = state.message {
            let role: Role = message.kind == .error ? .statusError : message.kind == .progress ? .statusProgress : .statusMessage
            left = (" " + Sanitizer.cleanLine(message.text), TextStyle(role))
        } else {
            left = (" " + state.keymap.hints(state.strings), TextStyle(.status))
        }
        let leftClip = Rect(x: rect.x, y: rect.y, width: max(0, rect.width - rightWidth), height: 1)
        frame.draw(Truncation.truncate(left.0, to: leftClip.width), x: rect.x, y: rect.y, style: left.1, clip: leftClip)
        frame.draw(right, x: rect.x + rect.width - rightWidth, y: rect.y, style: TextStyle(.status), clip: rect)
    }
}
