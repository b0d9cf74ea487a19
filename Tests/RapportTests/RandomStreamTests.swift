import Testing
import RapportRandom

@Suite("Random streams and distributions")
struct RandomStreamTests {
    @Test("The same (seed, replication, name) gives the same numbers; another name does not")
    func repeatability() {
        let a = RandomStream(seed: 42, replication: 3, name: "arrivals")
        let b = RandomStream(seed: 42, replication: 3, name: "arrivals")
        let c = RandomStream(seed: 42, replication: 3, name: "sessions")
        let d = RandomStream(seed: 42, replication: 4, name: "arrivals")
        let xs = (0..<100).map { _ in a.uniform() }
        #expect(xs == (0..<100).map { _ in b.uniform() })
        #expect(xs != (0..<100).map { _ in c.uniform() })
        #expect(xs != (0..<100).map { _ in d.uniform() })
    }

    @Test("Stream names hash stably across processes (FNV-1a, not hashValue)")
    func stableHash() {
        #expect(StreamSeed.fnv1a("") == 0xCBF2_9CE4_8422_2325)
        #expect(StreamSeed.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(StreamSeed.derive(seed: 1, replication: 0, name: "arrivals") == StreamSeed.derive(seed: 1, replication: 0, name: "arrivals"))
    }

    static let families: [(String, Distribution, Double)] = [
        ("exponential", try! .exponential(mean: 3), 3),
        ("gamma", try! .gamma(shape: 2, scale: 1.5), 3),
        ("lognormal median", try! .lognormal(median: 8, sigma: 0.5), 8 * 1.1331484531),
        ("lognormal mean/sd", try! .lognormal(mean: 5, sd: 2), 5),
        ("weibull", try! .weibull(shape: 1.5, scale: 10), 9.0274529),
        ("normal", try! .normal(mean: 5, sd: 1), 5),
        ("uniform", try! .uniform(min: 4, max: 6), 5),
        ("triangular", try! .triangular(min: 1, mode: 2, max: 6), 3),
        ("poisson", try! .poisson(mean: 4), 4),
        ("negative binomial", try! .negativeBinomial(mean: 5, dispersion: 2), 5),
        ("beta", try! .beta(a: 2, b: 6), 0.25),
        ("empirical", try! .empirical(values: [1, 2, 10], weights: [1, 1, 2]), 5.75),
        ("constant", try! .constant(7), 7),
    ]

    @Test("Each family's sample mean matches its analytic mean", arguments: families.indices)
    func sampleMeans(_ index: Int) {
        let (name, distribution, expected) = Self.families[index]
        let stream = RandomStream(seed: 9, replication: 0, name: name)
        let n = 200_000
        var sum = 0.0
        for _ in 0..<n { sum += distribution.sample(stream) }
        #expect(abs(sum / Double(n) - expected) < 0.02 * max(1, expected), "\(name)")
        #expect(abs(distribution.mean - expected) < 1e-6 * max(1, expected), "\(name) analytic mean")
    }

    @Test("Caps and truncation hold every draw inside the bounds")
    func bounds() throws {
        let capped = try Distribution.lognormal(median: 8, sigma: 1).capped(atLeast: 1, atMost: 26)
        let truncated = try Distribution.normal(mean: 5, sd: 3, min: 4, max: 6)
        let s = RandomStream(seed: 1, replication: 0, name: "bounds")
        for _ in 0..<50_000 {
            #expect((1...26).contains(capped.sample(s)))
            #expect((4...6).contains(truncated.sample(s)))
        }
    }

    @Test("An unbounded exponential's fast path draws exactly what sample draws; other distributions have none")
    func exponentialFastPath() throws {
        let exponential = try Distribution.exponential(mean: 2.5)
        #expect(exponential.unboundedExponentialMean == 2.5)
        let viaSample = RandomStream(seed: 5, replication: 2, name: "sessions")
        let viaMean = RandomStream(seed: 5, replication: 2, name: "sessions")
        for _ in 0..<10_000 {
            #expect(exponential.sample(viaSample) == viaMean.exponential(mean: 2.5))
        }
        // A cap changes draws, so a capped exponential must go through sample.
        #expect(try exponential.capped(atMost: 4).unboundedExponentialMean == nil)
        #expect(try exponential.capped(atLeast: 0.1).unboundedExponentialMean == nil)
        #expect(try Distribution.gamma(shape: 1, scale: 2.5).unboundedExponentialMean == nil)
        #expect(try Distribution.constant(2.5).unboundedExponentialMean == nil)
    }

    @Test("Impossible parameters are refused with a message, before GSL sees them")
    func parameterErrors() {
        #expect(throws: Distribution.ParameterError("exponential mean must be > 0 (got -1)")) { try Distribution.exponential(mean: -1) }
        #expect(throws: Distribution.ParameterError("uniform needs min <= max (got 6, 4)")) { try Distribution.uniform(min: 6, max: 4) }
        #expect(throws: Distribution.ParameterError("beta a must be > 0 (got 0)")) { try Distribution.beta(a: 0, b: 1) }
        #expect(throws: Distribution.ParameterError("empirical weights must have a positive sum")) { try Distribution.empirical(values: [1, 2], weights: [0, 0]) }
        #expect(throws: Distribution.ParameterError("negative_binomial p must be in (0, 1] (got 1.5)")) { try Distribution.negativeBinomial(p: 1.5, n: 2) }
    }

    @Test("Student t quantiles come from GSL")
    func studentT() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 19) - 2.093024) < 1e-5)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1) - 12.706205) < 1e-5)
    }
}
