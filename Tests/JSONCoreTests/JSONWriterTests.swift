import JSONCore
import TestSupport
import Testing

@Suite struct JSONWriterTests {
    @Test func compact() throws {
        let value = try JSONValue(parsing: " { \"b\" : [ 1 , 2.50 ] , \"a\" : { } , \"c\" : [ ] } ")
        #expect(value.jsonString() == #"{"b":[1,2.50],"a":{},"c":[]}"#)
    }

    @Test func pretty() throws {
        let value = try JSONValue(parsing: #"{"b":[1,{"x":null}],"a":{},"c":[]}"#)
        #expect(
            value.jsonString(pretty: true) == """
                {
                  "b": [
                    1,
                    {
                      "x": null
                    }
                  ],
                  "a": {},
                  "c": []
                }
                """
        )
    }

    @Test func sortedKeys() throws {
        let value = try JSONValue(parsing: #"{"b":1,"a":{"z":1,"y":2},"é":3}"#)
        #expect(JSONWriter(sortsKeys: true).string(value) == #"{"a":{"y":2,"z":1},"b":1,"é":3}"#)
    }

    @Test("escapes quotes, backslashes and control characters; keeps UTF-8")
    func escaping() {
        let value = JSONValue.string("q\"b\\s/n\nr\rt\tb\u{8}f\u{C}z\u{0}u\u{1F}d\u{7F}中😀\u{2028}")
        #expect(value.jsonString() == #""q\"b\\s/n\nr\rt\tb\bf\fz\u0000u\u001fd"# + "\u{7F}中😀\u{2028}\"")
    }

    @Test("parse(write(v)) == v over generated values", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var generator = RandomJSON(seed: seed)
        for _ in 0..<400 {
            let value = generator.value()
            let compact = value.jsonString()
            let back = try JSONValue(parsing: compact)
            #expect(back == value)
            #expect(back.jsonString() == compact, "writing is stable")
            #expect(try JSONValue(parsing: value.jsonString(pretty: true)) == value)
        }
    }

    @Test("member order survives the round trip")
    func orderKept() throws {
        let text = #"{"z":1,"a":2,"m":3}"#
        #expect(try JSONValue(parsing: text).jsonString() == text)
    }
}
