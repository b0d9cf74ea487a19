/// The version of Rapport, as `rapport --version` prints it and as stored runs record it.
///
/// The same scenario and seed give byte-identical results within a version. 0.2.0 changed the
/// random numbers (GSL's taus2 generator instead of the Mersenne Twister, ziggurat normals for
/// correlated pairs and lognormals): results moved by random noise, and the baselines were
/// regenerated.
public enum RapportVersion {
    public static let current = "0.2.0"
}
