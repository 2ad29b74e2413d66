import TextLayout
import TsundokuLibrary

/// The list of items: unread and star marks, date, source and title, digest items indented
/// under their digest, the selection highlighted (strongly when the list has the keyboard).
enum ListPane {
    static func draw(_ state: AppState, into frame: inout Frame, layout: ScreenLayout) {
        let focused = state.focus == .list
        frame.fill(layout.listTitle, style: TextStyle(focused ? .borderFocused : .border))
        let strings = state.strings
        frame.draw(" \(strings.listTitle) · \(state.filterName)" + (state.query.isEmpty ? "" : " · " + strings.searchTag), x: layout.listTitle.x, y: layout.listTitle.y,
                   style: TextStyle(focused ? .borderFocused : .border, strong: focused), clip: layout.listTitle)
        let rect = layout.list
        guard !state.rows.isEmpty else {
            let empty = " " + (state.isLoading ? strings.loadingShort : state.query.isEmpty ? strings.noItems : strings.noMatches)
            frame.draw(empty, x: rect.x, y: rect.y, style: TextStyle(.meta), clip: rect)
            return
        }
        let referenceYear = state.library.items.first.map { DateParsing.localDay($0.saved).year } ?? 0
        for offset in 0..<rect.height {
            let position = state.listTop + offset
            guard position < state.rows.count else { break }
            let index = state.rows[position]
            let y = rect.y + offset
            drawRow(state.library.items[index], read: state.isRead(itemAt: index), starred: state.isStarred(itemAt: index),
                    y: y, rect: rect, referenceYear: referenceYear)
            if position == state.selected {
                let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
                frame.restyle(row) { style in
                    style.role = focused ? .listSelected : .listSelectedUnfocused
                    style.reverse = focused
                }
            }
        }

        func drawRow(_ item: Item, read: Bool, starred: Bool, y: Int, rect: Rect, referenceYear: Int) {
            let row = ListRow(item, read: read, starred: starred, position: state.library.marks.position(of: item.id), width: rect.width,
                              columns: .pane(referenceYear: referenceYear, strings: strings))
            var x = rect.x
            for (text, role) in row.pieces {
                let strong = role == .listUnread && item.kind == .digest
                x += frame.draw(text, x: x, y: y, style: TextStyle(role, strong: strong), clip: rect)
            }
        }
    }
}
