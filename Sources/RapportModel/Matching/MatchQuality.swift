/// Match quality q ∈ [0, 1]: the weighted fit of a therapist to a client.
public enum MatchQuality {
    /// The fit of a therapist with `proficiency` in the client's concern and `experienceYears`,
    /// to a client whose severity needs `experienceNeeded` years, with `preferencesMet` of the
    /// client's preferences (a share from 0 to 1) met.
    @inlinable
    public static func score(proficiency: Double, experienceYears: Double, experienceNeeded: Double,
                             preferencesMet: Double, weights: FitWeights) -> Double {
        let severityFit = experienceNeeded <= 0 ? 1 : min(1, experienceYears / experienceNeeded)
        let total = weights.concern + weights.severity + weights.preferences
        guard total > 0 else { return 0 }
        let q = (weights.concern * proficiency + weights.severity * severityFit
            + weights.preferences * preferencesMet) / total
        return min(1, max(0, q))
    }
}
