import TextLayout

/// The reader pane: the selected article laid out at the pane's width, from the scroll position.
enum ReaderPane {
    static func draw(_ state: AppState, into frame: inout Frame, layout: ScreenLayout) {
        let focused = state.focus == .reader
        let titleStyle = TextStyle(focused ? .borderFocused : .border, strong: focused)
        frame.fill(layout.readerTitle, style: titleStyle)
        let rect = layout.reader
        guard let reader = state.reader, let item = state.library.item(reader.itemID) else {
            frame.draw(" " + state.strings.readerTitle, x: layout.readerTitle.x, y: layout.readerTitle.y, style: titleStyle, clip: layout.readerTitle)
            frame.draw(" " + state.strings.chooseAnItem(openKey: state.keymap.label(.open, first: true)), x: rect.x, y: rect.y, style: TextStyle(.meta), clip: rect)
            return
        }
        let title = " " + Truncation.truncate(Sanitizer.cleanLine(item.title), to: max(1, layout.readerTitle.width - 2))
        frame.draw(title, x: layout.readerTitle.x, y: layout.readerTitle.y, style: titleStyle, clip: layout.readerTitle)
        if let failure = reader.failure {
            let text = state.strings.cannotRead(Sanitizer.cleanLine(failure.description))
            let lines = LineBreaker.wrap([StyledRun(text, TextStyle(.statusError))], width: max(2, rect.width - 2))
            for (offset, line) in lines.prefix(rect.height).enumerated() {
                frame.draw(line.runs, x: rect.x + 1, y: rect.y + offset, clip: rect)
            }
            return
        }
        guard let view = reader.view else {
            frame.draw(" " + state.strings.loadingShort, x: rect.x, y: rect.y, style: TextStyle(.meta), clip: rect)
            return
        }
        for offset in 0..<rect.height {
            let index = reader.top + offset
            guard index < view.lines.count else { break }
            frame.draw(view.lines[index].runs, x: rect.x + 1, y: rect.y + offset, clip: rect)
        }
    }
}
