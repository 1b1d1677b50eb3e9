#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Okapi BM25 as Lucene computes it (without the constant `k1 + 1` factor):
///
///     idf(n)   = ln(1 + (N - n + 0.5) / (n + 0.5))
///     tf'(tf)  = tf / (tf + k1 * (1 - b + b * length / averageLength))
///     score    = idf * (titleWeight * tf'(title) + tf'(body))
///
/// `N` and `n` are index-wide (summed over segments), so scores do not depend on how
/// documents fall into segments. `n` is the larger of the term's document frequencies in
/// title and body.
public struct BM25: Sendable {
    public let k1: Double
    public let b: Double
    /// How much a match in the title counts against one in the body.
    public let titleWeight: Double

    public init(k1: Double = 1.2, b: Double = 0.75, titleWeight: Double = 2.0) {
        precondition(k1 >= 0 && b >= 0 && b <= 1 && titleWeight >= 0, "BM25 needs k1 >= 0, 0 <= b <= 1")
        self.k1 = k1
        self.b = b
        self.titleWeight = titleWeight
    }

    public func idf(documentFrequency n: Int, documentCount: Int) -> Double {
        let n = Double(n)
        return log(1 + (Double(documentCount) - n + 0.5) / (n + 0.5))
    }

    /// The saturated, length-normalized term frequency.
    public func tf(_ tf: Double, length: Int, averageLength: Double) -> Double {
        self.tf(tf, norm: lengthNorm(length: length, averageLength: averageLength))
    }

    /// `k1 * (1 - b + b * length / averageLength)`: what `tf` adds to the frequency, for a
    /// field of `length` tokens.
    @inline(__always)
    public func lengthNorm(length: Int, averageLength: Double) -> Double {
        k1 * (1 - b + b * Double(length) / averageLength)
    }

    /// The saturated term frequency in a field whose `lengthNorm` is `norm`.
    @inline(__always)
    public func tf(_ tf: Double, norm: Double) -> Double {
        guard tf > 0 else { return 0 }
        return tf / (tf + norm)
    }
}
