/// A day of the Gregorian calendar from 1900 to 2100, and the one rule for reading a date
/// from the numbers a text writes it with. Article dates (``DateExtractor``) and the dates
/// of issue of citations (`CitationScanner.readDate`) both read dates through it, each from
/// its own tokens, so `31/2/2021` is no date for either.
struct CalendarDate: Equatable, Sendable {
    let year: Int
    let month: Int
    let day: Int

    /// The date, when the month has the day (`31/2/2021` is none) and the year is 1900–2100.
    init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1,
            day <= Self.days(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    var iso: String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A number as the text writes it: its value and its count of digits (`03` is 3, two digits).
    struct Number: Equatable, Sendable {
        var value: Int
        var digits: Int
    }

    /// A date written as numbers apart by one separator (the same twice):
    /// - `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy`, the day and month of one or two digits; a year
    ///   of two digits is this century's (`3/2/21`);
    /// - `yyyy-mm-dd` and `yyyy/mm/dd` (not with `.`);
    /// - `d/m` without a year when `year` gives one (a citation's `ngày 7/7` takes the year
    ///   of its number).
    static func numeric(_ first: Number, _ second: Number, _ third: Number?, separator: UInt8, year: Int? = nil)
        -> CalendarDate?
    {
        guard let third else {
            guard let year, first.digits <= 2, second.digits <= 2 else { return nil }
            return CalendarDate(year: year, month: second.value, day: first.value)
        }
        if first.digits == 4 {
            guard separator != UInt8(ascii: "."), second.digits <= 2, third.digits <= 2 else { return nil }
            return CalendarDate(year: first.value, month: second.value, day: third.value)
        }
        guard first.digits <= 2, second.digits <= 2, let full = fullYear(third) else { return nil }
        return CalendarDate(year: full, month: second.value, day: first.value)
    }

    /// `d tháng m năm yyyy` (the words read by the caller): the day and month of one or two
    /// digits, the year of four, or `year` when the text gives none.
    static func spelled(day: Number, month: Number, year written: Number?, year: Int? = nil) -> CalendarDate? {
        guard day.digits <= 2, month.digits <= 2 else { return nil }
        if let written {
            guard written.digits == 4 else { return nil }
            return CalendarDate(year: written.value, month: month.value, day: day.value)
        }
        guard let year else { return nil }
        return CalendarDate(year: year, month: month.value, day: day.value)
    }

    /// A year of four digits, or of two (this century's).
    private static func fullYear(_ year: Number) -> Int? {
        switch year.digits {
        case 4: year.value
        case 2: 2000 + year.value
        default: nil
        }
    }
}
