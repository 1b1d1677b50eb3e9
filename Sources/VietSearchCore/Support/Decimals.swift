/// Fixed-point text of a number (`String(format: "%.2f")` lives in Foundation, which the
/// program does not load).
public enum Decimals {
    /// `value` rounded to `digits` decimals, e.g. `fixed(2.345, 2)` = "2.35" and
    /// `fixed(1234.5, 0)` = "1235" (halves round away from zero).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let units = (abs(value) * scale).rounded()
        guard units < 9e18 else { return String(value) }
        let whole = UInt64(units)
        let integer = whole / UInt64(scale)
        var fraction = digits > 0 ? String(whole % UInt64(scale)) : ""
        while fraction.count < digits { fraction = "0" + fraction }
        let sign = value < 0 && whole > 0 ? "-" : ""
        return sign + String(integer) + (digits > 0 ? "." + fraction : "")
    }
}
