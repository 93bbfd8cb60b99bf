import JSONCore
import TestSupport
import Testing

@Suite struct JSONNumberTests {
    @Test(
        "literals round-trip exactly",
        arguments: ["0", "-0", "1", "0.1", "1e400", "12345678901234567890123", "1.50", "1E+2", "-3.25e-10", "5e-324"]
    )
    func literalRoundTrip(_ literal: String) throws {
        let value = try JSONValue(parsing: literal)
        #expect(value.numberValue?.literal == literal)
        #expect(value.jsonString() == literal)
    }

    @Test(
        "equal values with different literals",
        arguments: [
            ("1", "1.0"), ("0", "-0"), ("100", "1e2"), ("1", "0.1e1"), ("0.5", "5e-1"), ("-0.0", "0E10"),
            ("12345678901234567890123", "1.2345678901234567890123e22"), ("1e400", "10e399"), ("0.10", "0.1"),
            // At the edge of the 18-digit short path, and across it.
            ("24", "24.000000000000000"), ("999999999999999999", "999999999999999999.0"),
            ("0.000000000000000001", "1e-18"), ("-123456789.123456789", "-123456789.1234567890"),
        ]
    )
    func equality(_ a: String, _ b: String) throws {
        let x = try #require(JSONNumber(literal: a))
        let y = try #require(JSONNumber(literal: b))
        #expect(x == y)
        #expect(x.hashValue == y.hashValue)
        #expect(!(x < y) && !(y < x))
    }

    @Test(
        "different values",
        arguments: [("1", "1.0000000000000000000001"), ("0.1", "0.01"), ("-1", "1"), ("1e400", "1e401"), ("2", "20")]
    )
    func inequality(_ a: String, _ b: String) throws {
        #expect(JSONNumber(literal: a)! != JSONNumber(literal: b)!)
    }

    @Test(
        "ordering is exact",
        arguments: [
            ("-1e400", "-1"), ("-1", "-0.5"), ("-0.5", "0"), ("0", "1e-400"), ("0.1", "0.10000000000000001"),
            ("9007199254740992", "9007199254740993"), ("1", "1e400"), ("99", "100"), ("1.5", "2"),
            ("999999999999999998", "999999999999999999"), ("999999999999999999", "1000000000000000000"),
            ("0.99999999999999999", "1"), ("-2", "-1.99999999999999999"), ("12.5", "99999999999999999.5"),
            ("0.000000000000000001", "0.0000000000000000011"),
        ]
    )
    func ordering(_ smaller: String, _ larger: String) {
        let a = JSONNumber(literal: smaller)!
        let b = JSONNumber(literal: larger)!
        #expect(a < b)
        #expect(!(b < a))
    }

    @Test(
        "integer values by the JSON Schema rule",
        arguments: [
            ("1", true), ("1.0", true), ("1e2", true), ("-0", true), ("0.0", true), ("1.5", false), ("1e-1", false),
            ("12345678901234567890123", true), ("1.23e2", true), ("1.234e2", false), ("1e400", true), ("1e-400", false),
            ("24.000", true), ("-7.50", false), ("100000000000000000.0", true), ("0.000000000000000001", false),
        ]
    )
    func integers(_ literal: String, _ expected: Bool) {
        #expect(JSONNumber(literal: literal)!.isInteger == expected)
    }

    @Test("comparison agrees with the exact rule on random short decimals, as literals and as scaled integers")
    func shortDecimalsAgree() {
        // Two literals with the same scale compare as their digits do, whatever the path.
        var rng = SplitMix64(seed: 13)
        for _ in 0..<2_000 {
            let scale = Int.random(in: 0...6, using: &rng)
            let a = Int64.random(in: -9_999_999...9_999_999, using: &rng)
            let b = Int64.random(in: -9_999_999...9_999_999, using: &rng)
            func literal(_ m: Int64) -> String {
                guard scale > 0 else { return String(m) }
                let digits = String(m.magnitude)
                let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
                return (m < 0 ? "-" : "") + padded.dropLast(scale) + "." + padded.suffix(scale)
            }
            let x = JSONNumber(literal: literal(a))!
            // The same value with an exponent takes the general path.
            let y = JSONNumber(literal: literal(b) + "e0")!
            let z = JSONNumber(literal: literal(b))!
            #expect((x < y) == (a < b), "\(x) < \(y)")
            #expect((x == y) == (a == b), "\(x) == \(y)")
            #expect((x < z) == (a < b), "\(x) < \(z)")
            #expect((x == z) == (a == b), "\(x) == \(z)")
        }
    }

    @Test(
        "Int64 view",
        arguments: [
            ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min), ("1e2", 100), ("-0", 0),
            ("2.50e1", 25),
        ] as [(String, Int64)]
    )
    func int64View(_ literal: String, _ expected: Int64) {
        #expect(JSONNumber(literal: literal)!.int64Value == expected)
    }

    @Test(
        "Int64 view is nil out of range or fractional",
        arguments: [
            "9223372036854775808", "-9223372036854775809", "1.5", "1e19", "1e400",
        ]
    )
    func int64ViewNil(_ literal: String) {
        #expect(JSONNumber(literal: literal)!.int64Value == nil)
    }

    @Test func doubleView() {
        #expect(JSONNumber(literal: "0.1")!.doubleValue == 0.1)
        #expect(JSONNumber(literal: "-2.5e3")!.doubleValue == -2500)
        #expect(JSONNumber(literal: "1e400")!.doubleValue == nil)
    }

    @Test func fromDouble() {
        #expect(JSONNumber(0.1)?.literal == "0.1")
        #expect(JSONNumber(2.0)?.literal == "2")
        #expect(JSONNumber(-0.0)?.literal == "-0")
        #expect(JSONNumber(1e300)?.literal == "1e+300")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(12).literal == "12")
    }

    @Test(
        "literal syntax check",
        arguments: [
            ("0", true), ("-0", true), ("1.5e+3", true), ("01", false), ("+1", false), (".5", false), ("1.", false),
            ("-", false), ("0x10", false), ("", false), ("1e", false), ("NaN", false), (" 1", false),
        ]
    )
    func syntax(_ literal: String, _ valid: Bool) {
        #expect(JSONNumber.isValidLiteral(literal) == valid)
        #expect((JSONNumber(literal: literal) != nil) == valid)
    }
}
