import Foundation
import Localization
import TextLayout
import TsundokuLibrary

/// One row of the list as pieces of text, each with its role: the one place a row is formatted,
/// for the list pane and for `tsundoku list`. The title always gets the room that is left; the
/// source goes first when the row is narrow, then the date.
public struct ListRow: Sendable {
    /// How the columns are set: the pane's compact dates and source, or the table's full ones.
    public struct Columns: Sendable {
        /// Show the reading time at the right from this width (the pane only).
        var minutesFrom = Int.max
        /// The language of the pane's dates; nil for the table's full `yyyy-MM-dd`.
        var strings: Strings?
        var referenceYear: Int
        var sourceColumns: Int
        var gap: String
        var sourceFrom: Int
        var dateFrom: Int

        /// The list pane: the day (or the month, for other years than `referenceYear`) in the
        /// interface's language, an 8-column source from 50 columns.
        public static func pane(referenceYear: Int, strings: Strings) -> Columns {
            Columns(minutesFrom: 70, strings: strings, referenceYear: referenceYear, sourceColumns: 8, gap: " ", sourceFrom: 50, dateFrom: 0)
        }

        /// `tsundoku list`: full `yyyy-MM-dd` dates from 40 columns (for scripts, in every
        /// language), a 12-column source from 60.
        public static let table = Columns(strings: nil, referenceYear: 0, sourceColumns: 12, gap: "  ", sourceFrom: 60, dateFrom: 40)
    }

    public let pieces: [(text: String, role: Role)]

    /// `position`: where the item was read to; a started, unread item shows how much was seen.
    public init(_ item: Item, read: Bool, starred: Bool, position: ReadingPosition? = nil, width: Int, columns: Columns) {
        var pieces: [(String, Role)] = [(read ? " " : "●", .listMark), (starred ? "★ " : "  ", .listMark)]
        if width >= columns.dateFrom {
            pieces.append((Self.date(item.saved, columns) + columns.gap, .listDate))
        }
        if width >= columns.sourceFrom {
            pieces.append((Truncation.fit(Sanitizer.cleanLine(item.site ?? item.author ?? ""), to: columns.sourceColumns) + columns.gap, .listSource))
        }
        if let position, position.isStarted, !read {
            pieces.append(("\(max(1, position.seen / 100))%" + columns.gap, .listDate))
        }
        let minutes = width >= columns.minutesFrom ? (item.amount?.minutes).flatMap { $0 > 0 ? $0 : nil } : nil
        let time = minutes.flatMap { minutes in columns.strings.map { " " + $0.minutesShort(minutes) } } ?? ""
        let used = pieces.reduce(0) { $0 + DisplayWidth.of($1.0) } + DisplayWidth.of(time)
        let title = Truncation.truncate((item.parent == nil ? "" : "  ") + Sanitizer.cleanLine(item.title), to: max(0, width - used))
        pieces.append((title, read ? .listRead : .listUnread))
        if !time.isEmpty {
            pieces.append((String(repeating: " ", count: max(0, width - used - DisplayWidth.of(title))) + time, .listDate))
        }
        self.pieces = pieces
    }

    /// The saved date as the columns write it.
    private static func date(_ date: Date, _ columns: Columns) -> String {
        guard let strings = columns.strings else { return DateParsing.day(date) }
        let (year, month, day) = DateParsing.localDay(date)
        return year == columns.referenceYear ? strings.dayThisYear(month: month, day: day) : strings.month(year: year, month: month)
    }

    public var text: String { pieces.map(\.text).joined() }
}
