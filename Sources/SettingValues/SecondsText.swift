/// `5`, `2.5`, `1.042`: seconds with at most three decimals and no trailing zeros.
package func secondsText(_ seconds: Double) -> String {
    let thousandths = Int((seconds * 1000).rounded())
    let whole = thousandths / 1000
    var fraction = String(abs(thousandths % 1000))
    guard fraction != "0" else { return String(whole) }
    while fraction.count < 3 { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return "\(whole).\(fraction)"
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
