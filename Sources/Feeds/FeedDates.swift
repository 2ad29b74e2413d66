import Foundation
import TsundokuLibrary
#if canImport(Glibc)
import Glibc
#endif

/// Reads the dates feeds really carry: RFC 822 (`Tue, 05 Mar 2024 08:30:00 GMT`, with or
/// without the weekday and seconds, two-digit years, numeric offsets or the named zones of
/// RFC 822: `UT`, `GMT`, `Z`, `EST`/`EDT`, `CST`/`CDT`, `MST`/`MDT`, `PST`/`PDT`; no zone is
/// UTC) and ISO 8601 (`2024-03-05T08:30:00+08:00`, with or without a fraction; without an
/// offset it is local time). Anything else is nil.
public enum FeedDates {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return rfc822(trimmed) ?? DateParsing.parse(trimmed)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "est": -5 * 60, "edt": -4 * 60, "cst": -6 * 60, "cdt": -5 * 60,
        "mst": -7 * 60, "mdt": -6 * 60, "pst": -8 * 60, "pdt": -7 * 60,
    ]

    static func rfc822(_ text: String) -> Date? {
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if let first = words.first, first.count >= 3, first.allSatisfy(\.isLetter) { words.removeFirst() }
        guard words.count >= 3, let day = Int(words[0]), (1...31).contains(day),
              words[1].count >= 3, let month = months.firstIndex(where: { words[1].hasPrefix($0) }),
              var year = Int(words[2]) else { return nil }
        switch words[2].count {
        case 2: year += year < 50 ? 2000 : 1900
        case 4: break
        default: return nil
        }
        var hour = 0, minute = 0, second = 0, offsetMinutes = 0
        if words.count > 3 {
            let clock = words[3].split(separator: ":").map { Int($0) }
            guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }) else { return nil }
            hour = clock[0]!
            minute = clock[1]!
            second = clock.count == 3 ? clock[2]! : 0
            guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        }
        if words.count > 4 {
            guard let offset = offset(words[4]) else { return nil }
            offsetMinutes = offset
        }
        guard words.count <= 5 || words[5].hasPrefix("(") else { return nil }
        var components = tm()
        components.tm_year = Int32(year - 1900)
        components.tm_mon = Int32(month)
        components.tm_mday = Int32(day)
        components.tm_hour = Int32(hour)
        components.tm_min = Int32(minute)
        components.tm_sec = Int32(second)
        let seconds = timegm(&components)
        guard components.tm_mday == Int32(day) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds - offsetMinutes * 60))
    }

    /// `+0800`, `-05:00`, or a named zone, in minutes east of UTC.
    private static func offset(_ word: String) -> Int? {
        if let named = zones[word] { return named }
        guard let sign = word.first, sign == "+" || sign == "-" else { return nil }
        let digits = word.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, let value = Int(digits) else { return nil }
        let minutes = value / 100 * 60 + value % 100
        return sign == "-" ? -minutes : minutes
    }
}
