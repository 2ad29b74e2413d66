import TextLayout
import TsundokuLibrary

/// The list of items: unread and star marks, date, source and title, digest items indented
/// under their digest, the selection highlighted (strongly when the list has the keyboard).
enum ListPane {
    static let sourceWidth = 8

    static func draw(_ state: AppState, into frame: inout Frame, layout: ScreenLayout) {
        let focused = state.focus == .list
        frame.fill(layout.listTitle, style: TextStyle(focused ? .borderFocused : .border))
        let filter = state.filter == .all ? "全部" : state.filter == .unread ? "未读" : "星标"
        frame.draw(" 列表 · \(filter)" + (state.query.isEmpty ? "" : " · 搜索"), x: layout.listTitle.x, y: layout.listTitle.y,
                   style: TextStyle(focused ? .borderFocused : .border, strong: focused), clip: layout.listTitle)
        let rect = layout.list
        guard !state.rows.isEmpty else {
            let empty = state.isLoading ? " 载入中…" : state.query.isEmpty ? " 没有条目" : " 没有匹配的条目"
            frame.draw(empty, x: rect.x, y: rect.y, style: TextStyle(.meta), clip: rect)
            return
        }
        let referenceYear = state.library.items.first.map { DateParsing.day($0.saved).prefix(4) } ?? ""
        for offset in 0..<rect.height {
            let position = state.listTop + offset
            guard position < state.rows.count else { break }
            let index = state.rows[position]
            let y = rect.y + offset
            drawRow(state.library.items[index], read: state.isRead(itemAt: index), starred: state.isStarred(itemAt: index),
                    y: y, rect: rect, referenceYear: String(referenceYear))
            if position == state.selected {
                let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
                frame.restyle(row) { style in
                    style.role = focused ? .listSelected : .listSelectedUnfocused
                    style.reverse = focused
                }
            }
        }

        func drawRow(_ item: Item, read: Bool, starred: Bool, y: Int, rect: Rect, referenceYear: String) {
            let titleRole: Role = read ? .listRead : .listUnread
            var x = rect.x
            x += frame.draw(read ? " " : "●", x: x, y: y, style: TextStyle(.listMark), clip: rect)
            x += frame.draw(starred ? "★ " : "  ", x: x, y: y, style: TextStyle(.listMark), clip: rect)
            let day = DateParsing.day(item.saved)
            let date = day.hasPrefix(referenceYear) ? String(day.dropFirst(5)) : String(day.prefix(7))
            x += frame.draw(date + " ", x: x, y: y, style: TextStyle(.listDate), clip: rect)
            if rect.width >= 50 {
                let source = Truncation.fit(Sanitizer.cleanLine(item.site ?? item.author ?? ""), to: sourceWidth)
                x += frame.draw(source + " ", x: x, y: y, style: TextStyle(.listSource), clip: rect)
            }
            let indent = item.parent == nil ? "" : "  "
            let title = Truncation.truncate(indent + Sanitizer.cleanLine(item.title), to: rect.x + rect.width - x)
            frame.draw(title, x: x, y: y, style: TextStyle(titleRole, strong: !read && item.kind == .digest), clip: rect)
        }
    }
}
