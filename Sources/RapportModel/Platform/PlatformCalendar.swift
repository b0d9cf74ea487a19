/// Calendar arithmetic for the platform: day 0 is a Monday, 1 January, in a year of 365 days.
enum PlatformCalendar {
    private static let monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    /// Weekday of `day`, 0 = Monday.
    static func weekday(_ day: Int) -> Int { day % 7 }

    /// The weekdays of `count` consecutive days from `day`, as bits (bit w is weekday w): a run of
    /// `count` bits rotated to the first day's weekday, rather than a division per day.
    static func weekdayMask(from day: Int, count: Int) -> UInt8 {
        guard count < 7 else { return 0x7f }
        guard count > 0 else { return 0 }
        let run = UInt16((1 << count) - 1) << UInt16(weekday(day))
        return UInt8((run | (run >> 7)) & 0x7f)
    }

    /// Month of `day`, 0 = January.
    static func month(_ day: Int) -> Int {
        let dayOfYear = day % 365
        var month = 11
        while monthStarts[month] > dayOfYear { month -= 1 }
        return month
    }

    /// Hour a slot starts within its day, for wait times: slots run hourly from 9:00.
    static func slotOffset(_ slotInDay: Int) -> Double { (9 + Double(slotInDay)) / 24 }
}
