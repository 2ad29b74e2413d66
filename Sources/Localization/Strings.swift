/// The one catalogue of what tsundoku says, in Chinese and English side by side: every message,
/// label and hint the reader and the commands show. Text from articles never passes through it.
public struct Strings: Sendable, Equatable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    /// The Chinese or the English text, by the language in force.
    func pick(_ chinese: String, _ english: String) -> String {
        language == .chinese ? chinese : english
    }

    /// Joins a list the way the language does: `甲、乙` or `a, b`.
    public func list(_ parts: [String]) -> String {
        parts.joined(separator: pick("、", ", "))
    }
}

// MARK: - Dates

extension Strings {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A day in full: `2024-03-05` (GB/T 7408, as Chinese interfaces write it) or `5 Mar 2024`.
    public func day(year: Int, month: Int, day: Int) -> String {
        pick("\(year)-" + Self.twoDigits(month) + "-" + Self.twoDigits(day), "\(day) \(Self.months[month - 1]) \(year)")
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A day of the current year in the list: `03-05` or `Mar 05`.
    public func dayThisYear(month: Int, day: Int) -> String {
        pick(Self.twoDigits(month) + "-" + Self.twoDigits(day), Self.months[month - 1] + " " + Self.twoDigits(day))
    }

    /// A month of another year in the list: `2023-03` or `Mar 2023`.
    public func month(year: Int, month: Int) -> String {
        pick("\(year)-" + Self.twoDigits(month), Self.months[month - 1] + " \(year)")
    }
}
