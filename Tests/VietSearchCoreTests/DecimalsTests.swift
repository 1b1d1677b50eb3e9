import Testing

@testable import VietSearchCore

struct DecimalsTests {
    /// The figures `bench` and `index` print: rounded half away from zero, zero-padded.
    @Test(arguments: [
        (2.345, 2, "2.35"), (1234.5, 0, "1235"), (0.05, 3, "0.050"), (-1.5, 1, "-1.5"), (-0.0001, 2, "0.00"),
        (7, 0, "7"), (0.999, 2, "1.00"), (12.0, 1, "12.0"),
    ])
    func fixedRoundsAndPads(value: Double, digits: Int, text: String) {
        #expect(Decimals.fixed(value, digits) == text)
    }
}
