/// TOML's decimal integers and numbers, read from a bare token.
enum TOMLNumber: Equatable {
    case integer(Int)
    case float(Double)
    case outOfRange
    /// Valid TOML, or nearly, that this subset refuses, and why.
    case unsupported(String)
    case notANumber

    static func parse(_ token: String) -> TOMLNumber {
        var scalars = Substring(token).unicodeScalars[...]
        var sign = ""
        if let first = scalars.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            scalars = scalars.dropFirst()
        }
        let body = String(scalars)
        if body == "inf" || body == "nan" { return .unsupported("inf and nan are not numbers of anything here") }
        if body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            return .unsupported("write integers in decimal")
        }
        if isDate(body) { return .unsupported("dates and times are not supported") }
        if body.hasPrefix(".") { return .unsupported("write a digit before the decimal point (0\(body))") }

        guard let integerPart = digits(&scalars), !integerPart.isEmpty else { return .notANumber }
        if integerPart.count > 1, integerPart.hasPrefix("0") { return .unsupported("leading zeros are not allowed") }
        var fraction: String?
        var exponent: String?
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            guard let digits = digits(&scalars), !digits.isEmpty else { return .notANumber }
            fraction = digits
        }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            var exponentSign = ""
            if let first = scalars.first, first == "+" || first == "-" {
                exponentSign = String(first)
                scalars = scalars.dropFirst()
            }
            guard let digits = digits(&scalars), !digits.isEmpty else { return .notANumber }
            exponent = exponentSign + digits
        }
        guard scalars.isEmpty else { return .notANumber }

        if fraction == nil, exponent == nil {
            guard let value = Int(sign + integerPart) else { return .outOfRange }
            return .integer(value)
        }
        var text = sign + integerPart
        if let fraction { text += "." + fraction }
        if let exponent { text += "e" + exponent }
        guard let value = Double(text), value.isFinite else { return .outOfRange }
        return .float(value)
    }

    /// Decimal digits with single `_` between them; nil when an underscore is misplaced.
    private static func digits(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> String? {
        var result = ""
        var previousWasDigit = false
        while let scalar = scalars.first {
            if ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                previousWasDigit = true
            } else if scalar == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
            } else {
                break
            }
            scalars = scalars.dropFirst()
        }
        if !result.isEmpty, !previousWasDigit { return nil }
        return result
    }

    /// `1979-05-27`, `07:32:00` and the like.
    private static func isDate(_ body: String) -> Bool {
        let scalars = Array(body.unicodeScalars)
        if scalars.count >= 5, scalars[4] == "-", scalars[0..<4].allSatisfy({ ("0"..."9").contains($0) }) { return true }
        if scalars.count >= 3, scalars[2] == ":", scalars[0..<2].allSatisfy({ ("0"..."9").contains($0) }) { return true }
        return false
    }
}
