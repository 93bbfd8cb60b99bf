import Foundation
import JSONCore
import Testing

@Suite struct JSONValueTests {
    @Test func subscriptsAndAccessors() throws {
        let value = try JSONValue(parsing: #"{"city": "Paris", "days": [1, 2.5], "ok": true, "none": null}"#)
        #expect(value["city"]?.stringValue == "Paris")
        #expect(value["days"]?[1]?.doubleValue == 2.5)
        #expect(value["days"]?[0]?.intValue == 1)
        #expect(value["days"]?[2] == nil)
        #expect(value["ok"]?.boolValue == true)
        #expect(value["none"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.keys == ["city", "days", "ok", "none"])
        #expect(value["city"]?.typeName == "string")
    }

    @Test func literals() {
        let value: JSONValue = ["a": 1, "b": [true, nil, "x", 2.5], "c": [:]]
        #expect(value.jsonString() == #"{"a":1,"b":[true,null,"x",2.5],"c":{}}"#)
    }

    @Test func settingMembers() {
        var value: JSONValue = ["a": 1]
        value["b"] = "two"
        value["a"] = nil
        #expect(value == ["b": "two"])
    }

    @Test func objectsKeepOrderButCompareWithout() throws {
        let a = try JSONValue(parsing: #"{"x": 1, "y": [1, {"p": null, "q": 2}]}"#)
        let b = try JSONValue(parsing: #"{"y": [1.0, {"q": 2, "p": null}], "x": 1e0}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.objectValue?.keys == ["x", "y"])
        #expect(b.objectValue?.keys == ["y", "x"])
    }

    @Test func arraysCompareByPosition() {
        #expect(JSONValue.array([1, 2]) != JSONValue.array([2, 1]))
    }

    @Test("kinds never compare equal across types")
    func typesDiffer() {
        let values: [JSONValue] = [nil, false, 0, "0", [], [:]]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() { #expect((a == b) == (i == j)) }
        }
    }

    @Test("strings compare by code points, not canonical equivalence")
    func codePointEquality() throws {
        let composed = try JSONValue(parsing: #""\u00e9""#)
        let decomposed = try JSONValue(parsing: #""e\u0301""#)
        #expect(composed != decomposed)
        let object = try JSONValue(parsing: #"{"\u00e9": 1, "e\u0301": 2}"#)
        #expect(object.objectValue?.count == 2)
        #expect(object["\u{E9}"] == 1)
        #expect(object["e\u{301}"] == 2)
    }

    @Test("hashing agrees with equality inside sets")
    func setsUseJSONEquality() {
        let set: Set<JSONValue> = [
            1, 1.0, .number(JSONNumber(literal: "1e0")!), "1", ["a": 1, "b": 2], ["b": 2, "a": 1.0],
        ]
        #expect(set.count == 3)
    }

    @Test func largeObjectsUseAnIndex() throws {
        var text = "{"
        for k in 0..<1000 { text += (k > 0 ? "," : "") + "\"k\(k)\": \(k)" }
        text += "}"
        let value = try JSONValue(parsing: text)
        #expect(value["k999"] == 999)
        #expect(value["k0"] == 0)
        var object = try #require(value.objectValue)
        object.removeValue(forKey: "k500")
        #expect(object["k500"] == nil)
        #expect(object["k501"] == 501)
        #expect(object.count == 999)
    }

    @Test func codableRoundTripThroughFoundation() throws {
        let value: JSONValue = [
            "name": "天气", "n": 3, "x": 0.25, "list": [true, nil, "s"], "big": .number(JSONNumber(UInt64.max)),
        ]
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(back == value)
    }

    @Test("encoding refuses numbers that would be rounded")
    func codableRefusesInexactNumbers() throws {
        for literal in ["1e400", "12345678901234567890123", "0.1000000000000000000001"] {
            let value = JSONValue.number(JSONNumber(literal: literal)!)
            #expect(throws: EncodingError.self) { try JSONEncoder().encode([value]) }
        }
    }

    @Test func descriptionIsCompactJSON() {
        let value: JSONValue = ["a": [1, "b"]]
        #expect(value.description == #"{"a":[1,"b"]}"#)
    }
}
