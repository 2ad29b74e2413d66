import TextLayout
import TsundokuLibrary

/// One row of the list as pieces of text, each with its role: the one place a row is formatted,
/// for the list pane and for `tsundoku list`. The title always gets the room that is left; the
/// source goes first when the row is narrow, then the date.
public struct ListRow: Sendable {
    /// How the columns are set: the pane's compact dates and source, or the table's full ones.
    public struct Columns: Sendable {
        var fullDate: Bool
        var referenceYear: String
        var sourceColumns: Int
        var gap: String
        var sourceFrom: Int
        var dateFrom: Int

        /// The list pane: `MM-dd` (or `yyyy-MM` for other years), an 8-column source from 50 columns.
        public static func pane(referenceYear: String) -> Columns {
            Columns(fullDate: false, referenceYear: referenceYear, sourceColumns: 8, gap: " ", sourceFrom: 50, dateFrom: 0)
        }

        /// `tsundoku list`: full dates from 40 columns, a 12-column source from 60.
        public static let table = Columns(fullDate: true, referenceYear: "", sourceColumns: 12, gap: "  ", sourceFrom: 60, dateFrom: 40)
    }

    public let pieces: [(text: String, role: Role)]

    public init(_ item: Item, read: Bool, starred: Bool, width: Int, columns: Columns) {
        var pieces: [(String, Role)] = [(read ? " " : "●", .listMark), (starred ? "★ " : "  ", .listMark)]
        if width >= columns.dateFrom {
            let day = DateParsing.day(item.saved)
            let date = columns.fullDate ? day : day.hasPrefix(columns.referenceYear) ? String(day.dropFirst(5)) : String(day.prefix(7))
            pieces.append((date + columns.gap, .listDate))
        }
        if width >= columns.sourceFrom {
            pieces.append((Truncation.fit(Sanitizer.cleanLine(item.site ?? item.author ?? ""), to: columns.sourceColumns) + columns.gap, .listSource))
        }
        let used = pieces.reduce(0) { $0 + DisplayWidth.of($1.0) }
        let title = (item.parent == nil ? "" : "  ") + Sanitizer.cleanLine(item.title)
        pieces.append((Truncation.truncate(title, to: max(0, width - used)), read ? .listRead : .listUnread))
        self.pieces = pieces
    }

    public var text: String { pieces.map(\.text).joined() }
}
