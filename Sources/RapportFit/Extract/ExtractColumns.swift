/// The columns of the two extract files, in the order Rapport writes them. The JSON Schema in
/// `schema/extract.schema.json` and the README describe the same columns.
enum ExtractColumns {
    static let referrals = ["id", "referral_date", "concern", "severity", "language", "modality", "matched_date",
                            "first_appointment_date", "first_attended", "end_date", "end_reason",
                            "attended_sessions", "missed_sessions", "phq9_intake", "phq9_last", "gad7_intake", "gad7_last"]
    static let referralsRequired = ["id", "referral_date", "concern", "severity", "language", "modality",
                                    "first_appointment_date", "end_date", "end_reason", "attended_sessions", "missed_sessions"]
    static let therapists = ["id", "group", "languages", "modalities", "working_days", "start_date", "end_date",
                             "sick_days", "sick_spells", "stated_threshold", "replaces"]
    static let therapistsRequired = ["id", "group", "languages", "modalities", "working_days", "start_date", "end_date", "sick_days"]
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let severities = ["mild", "moderate", "severe"]
    /// Separator inside a list field such as `english;spanish`.
    static let listSeparator: Character = ";"
}
