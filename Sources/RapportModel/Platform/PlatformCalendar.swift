/// Calendar arithmetic for the platform: day 0 is a Monday, 1 January, in a year of 365 days.
enum PlatformCalendar {
    private static let monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    /// Weekday of `day`, 0 = Monday.
    static func weekday(_ day: Int) -> Int { day % 7 }

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
