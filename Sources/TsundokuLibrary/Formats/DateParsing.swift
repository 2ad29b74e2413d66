import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Parses the dates saved articles carry: `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-dd` (both in local
/// time, as read-later tools write them), ISO 8601 with an optional fraction and offset (also
/// `2023-12-17 20:02:29 +0800`), `December 17, 2023` or `17 Dec 2023` (local midnight), and
/// Unix times in seconds or milliseconds. Impossible dates (`2023-02-30`) are nil.
///
/// One pass over the bytes rather than the platform's ISO 8601 parser: saved articles mix ISO
/// 8601 with local times without an offset and `2023-12-17 20:02:29 +0800`, which that parser
/// does not read, and every file's dates are parsed on a cold start.
public enum DateParsing {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let epoch = epochDate(trimmed) { return epoch }
        if let named = monthNameDate(trimmed) { return named }
        return numericDate(Array(trimmed.utf8))
    }

    /// 9 to 11 digits are seconds since 1970, 12 or 13 milliseconds.
    private static func epochDate(_ text: String) -> Date? {
        guard (9...13).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let value = Double(text) else { return nil }
        return Date(timeIntervalSince1970: text.utf8.count >= 12 ? value / 1000 : value)
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `December 17, 2023`, `Dec 17 2023`, `17 December 2023`: local midnight of that day.
    private static func monthNameDate(_ text: String) -> Date? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard words.count == 3 else { return nil }
        func month(_ word: String) -> Int? {
            guard word.count >= 3, let index = monthNames.firstIndex(where: { word.hasPrefix($0) }) else { return nil }
            return index + 1
        }
        let (monthNumber, day, year): (Int?, Int?, Int?)
        if let named = month(words[0]) {
            (monthNumber, day, year) = (named, Int(words[1]), Int(words[2]))
        } else {
            (monthNumber, day, year) = (month(words[1]), Int(words[0]), Int(words[2]))
        }
        guard let monthNumber, let day, let year, (1000...9999).contains(year),
              isValidDay(year: year, month: monthNumber, day: day) else { return nil }
        var components = calendarDay(year: year, month: monthNumber, day: day)
        return localDate(&components)
    }

    /// Broken-down local midnight of a day, for `mktime` (or `timegm` once hours are set).
    private static func calendarDay(year: Int, month: Int, day: Int) -> tm {
        var components = tm()
        components.tm_year = Int32(year - 1900)
        components.tm_mon = Int32(month - 1)
        components.tm_mday = Int32(day)
        components.tm_isdst = -1
        return components
    }

    static func isValidDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static func numericDate(_ bytes: [UInt8]) -> Date? {
        var cursor = 0
        func number(_ digits: Int) -> Int? {
            guard cursor + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[cursor..<cursor + digits] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            cursor += digits
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == byte else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2),
              expect(UInt8(ascii: "-")), let day = number(2),
              isValidDay(year: year, month: month, day: day) else { return nil }
        var components = calendarDay(year: year, month: month, day: day)
        if cursor == bytes.count { return localDate(&components) }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")),
              let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2),
              hour < 24, minute < 60 else { return nil }
        components.tm_hour = Int32(hour)
        components.tm_min = Int32(minute)
        var fraction = 0.0
        if expect(UInt8(ascii: ":")) {
            guard let second = number(2), second <= 60 else { return nil }
            components.tm_sec = Int32(second)
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                var scale = 0.1
                while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]) {
                    fraction += Double(bytes[cursor] - 0x30) * scale
                    scale /= 10
                    cursor += 1
                }
            }
        }
        if cursor == bytes.count { return localDate(&components).map { $0 + fraction } }
        _ = expect(UInt8(ascii: " "))
        let namesUTC = bytes[cursor...].elementsEqual("UTC".utf8) || bytes[cursor...].elementsEqual("GMT".utf8)
        var offsetSeconds = 0
        if namesUTC {
            cursor = bytes.count
        } else if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else {
            let sign: Int
            if expect(UInt8(ascii: "+")) { sign = 1 } else if expect(UInt8(ascii: "-")) { sign = -1 } else { return nil }
            guard let offsetHours = number(2) else { return nil }
            _ = expect(UInt8(ascii: ":"))
            let offsetMinutes = number(2) ?? 0
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard cursor == bytes.count else { return nil }
        let utc = timegm(&components)
        return Date(timeIntervalSince1970: Double(utc - offsetSeconds) + fraction)
    }

    private static func localDate(_ components: inout tm) -> Date? {
        let seconds = mktime(&components)
        return seconds == -1 ? nil : Date(timeIntervalSince1970: Double(seconds))
    }

    /// ISO 8601 in UTC, e.g. `2023-12-17T12:02:29Z` (milliseconds added when there are any):
    /// what scripts read, the same in every zone.
    public static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var utc = tm()
        gmtime_r(&seconds, &utc)
        var bytes = Array("0000-00-00T00:00:00Z".utf8)
        func put(_ value: Int32, at end: Int, digits: Int) {
            var rest = Int(value)
            for position in stride(from: end, to: end - digits, by: -1) {
                bytes[position] = UInt8(0x30 + rest % 10)
                rest /= 10
            }
        }
        put(utc.tm_year + 1900, at: 3, digits: 4)
        put(utc.tm_mon + 1, at: 6, digits: 2)
        put(utc.tm_mday, at: 9, digits: 2)
        put(utc.tm_hour, at: 12, digits: 2)
        put(utc.tm_min, at: 15, digits: 2)
        put(utc.tm_sec, at: 18, digits: 2)
        let milliseconds = Int(((date.timeIntervalSince1970 - Double(seconds)) * 1000).rounded())
        if milliseconds > 0 && milliseconds < 1000 {
            let digits = String(milliseconds)
            bytes.insert(contentsOf: Array(("." + String(repeating: "0", count: 3 - digits.count) + digits).utf8), at: 19)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The local calendar day, `yyyy-MM-dd`, as list rows show it.
    public static func day(_ date: Date) -> String {
        day(brokenDown(date))
    }

    /// The local calendar day as numbers, for dates written in the interface's language.
    public static func localDay(_ date: Date) -> (year: Int, month: Int, day: Int) {
        let local = brokenDown(date)
        return (Int(local.tm_year) + 1900, Int(local.tm_mon) + 1, Int(local.tm_mday))
    }

    /// The local time of day, `HH:mm`.
    public static func time(_ date: Date) -> String {
        let local = brokenDown(date)
        return pad(Int(local.tm_hour), 2) + ":" + pad(Int(local.tm_min), 2)
    }

    private static func day(_ local: tm) -> String {
        pad(Int(local.tm_year) + 1900, 4) + "-" + pad(Int(local.tm_mon) + 1, 2) + "-" + pad(Int(local.tm_mday), 2)
    }

    private static func brokenDown(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var local = tm()
        localtime_r(&seconds, &local)
        return local
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
