/// The version of Rapport, as `rapport --version` prints it and as stored runs record it.
public enum RapportVersion {
    public static let current = "0.1.0"
}
