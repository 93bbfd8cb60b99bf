import Foundation
import Testing
import ToolSchema

struct Primitives: Codable, Equatable {
    var s: String
    var b: Bool
    var i: Int
    var i8: Int8
    var i16: Int16
    var i32: Int32
    var i64: Int64
    var u: UInt
    var u8: UInt8
    var u16: UInt16
    var u32: UInt32
    var u64: UInt64
    var f: Float
    var d: Double
    var dec: Decimal
    var date: Date
    var url: URL
    var id: UUID
    var any: JSONValue
}

struct Weather: ToolArguments, Codable, Equatable {
    var city: String
    var unit: Unit?
    var days: Int?
    enum Unit: String, Codable, CaseIterable { case celsius, fahrenheit }
    static let toolDescription: String? = "获取天气。Get the weather."
    static let parameterDescriptions = ["city": "The city", "unit": "The unit", "days": "How many days"]
    static let parameterConstraints: [String: JSONValue] = [
        "days": ["minimum": 1, "maximum": 7], "city": ["minLength": 1],
    ]
}

struct Order: Codable, Equatable {
    var items: [Item]
    var address: Address
    var tags: Set<String>
    var notes: [String: String]
    var priority: Priority
    struct Item: Codable, Equatable {
        var sku: String
        var quantity: UInt8
    }
    struct Address: Codable, Equatable {
        var street: String
        var zip: String?
    }
    enum Priority: Int, Codable, CaseIterable { case low = 1, high = 2 }
}

struct Node: Codable, Equatable {
    var value: Int
    var children: [Node]
}

struct Category: Codable, Equatable {
    var name: String
    var sub: [Category]?
    var owner: Person?
    struct Person: Codable, Equatable {
        var name: String
        var manager: [Person]
    }
}

struct Renamed: Codable, Equatable {
    var cityName: String
    var zipCode: String?
    enum CodingKeys: String, CodingKey {
        case cityName = "city"
        case zipCode = "postal_code"
    }
}

struct CamelCase: Codable, Equatable {
    var cityName: String
    var maxResults: Int
}

struct Validating: ToolArguments, Codable, Equatable {
    var n: Int
    init(n: Int) { self.n = n }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        n = try c.decode(Int.self, forKey: .n)
        guard n > 5 else {
            throw DecodingError.dataCorruptedError(forKey: .n, in: c, debugDescription: "n must be more than 5")
        }
    }
    enum CodingKeys: String, CodingKey { case n }
    static let sampleArguments: JSONValue? = ["n": 10]
}

struct ValidatingWithoutSample: Decodable {
    var n: Int
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        n = try c.decode(Int.self, forKey: .n)
        guard n > 5 else {
            throw DecodingError.dataCorruptedError(forKey: .n, in: c, debugDescription: "n must be more than 5")
        }
    }
    enum CodingKeys: String, CodingKey { case n }
}

struct BadDescriptions: ToolArguments {
    var city: String
    static let parameterDescriptions = ["citty": "typo"]
}

@Suite struct DerivationTests {
    func encode<T: Encodable>(_ value: T, snake: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        if snake { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func primitives() throws {
        let schema = try SchemaDerivation.schema(for: Primitives.self)
        let p = try #require(schema["properties"])
        #expect(p["s"] == ["type": "string"])
        #expect(p["b"] == ["type": "boolean"])
        #expect(p["i8"] == ["type": "integer", "minimum": -128, "maximum": 127])
        #expect(p["u8"] == ["type": "integer", "minimum": 0, "maximum": 255])
        #expect(p["u64"]?["maximum"]?.numberValue?.literal == "18446744073709551615")
        #expect(p["i64"]?["minimum"]?.numberValue?.literal == "-9223372036854775808")
        #expect(p["f"] == ["type": "number"] && p["d"] == ["type": "number"] && p["dec"] == ["type": "number"])
        #expect(p["date"] == ["type": "string", "format": "date-time"])
        #expect(p["url"] == ["type": "string", "format": "uri"])
        #expect(p["id"] == ["type": "string", "format": "uuid"])
        #expect(p["any"] == [:])
        #expect(schema["required"]?.arrayValue?.count == 19)
        #expect(schema["additionalProperties"] == false)
        let sample = Primitives(
            s: "x",
            b: true,
            i: -5,
            i8: -128,
            i16: 300,
            i32: 70000,
            i64: Int64.max,
            u: 1,
            u8: 255,
            u16: 65535,
            u32: 1,
            u64: UInt64.max,
            f: 1.5,
            d: 0.1,
            dec: Decimal(string: "12345678901234567890.123")!,
            date: Date(timeIntervalSince1970: 1_800_000_000),
            url: URL(string: "https://example.com/a?b=1")!,
            id: UUID(),
            any: ["k": [1, "v"]]
        )
        #expect(try Primitives.decodeArguments(from: try encode(sample)) == sample)
    }

    @Test("a sample per type validates and decodes back equal")
    func roundTrips() throws {
        let weather = Weather(city: "北京", unit: .celsius, days: 3)
        #expect(try Weather.decodeArguments(from: try encode(weather)) == weather)
        #expect(try Weather.decodeArguments(from: #"{"city": "Paris"}"#) == Weather(city: "Paris"))
        let order = Order(
            items: [.init(sku: "A", quantity: 2)],
            address: .init(street: "1 Main", zip: nil),
            tags: ["x", "y"],
            notes: ["gift": "yes"],
            priority: .high
        )
        #expect(try Order.decodeArguments(from: try encode(order)) == order)
        let tree = Node(value: 1, children: [Node(value: 2, children: [Node(value: 3, children: [])])])
        #expect(try Node.decodeArguments(from: try encode(tree)) == tree)
        let category = Category(
            name: "a",
            sub: [Category(name: "b", sub: nil, owner: nil)],
            owner: .init(name: "p", manager: [])
        )
        #expect(try Category.decodeArguments(from: try encode(category)) == category)
        let renamed = Renamed(cityName: "x", zipCode: "200120")
        #expect(try Renamed.decodeArguments(from: try encode(renamed)) == renamed)
        let camel = CamelCase(cityName: "x", maxResults: 3)
        #expect(
            try CamelCase.decodeArguments(from: try encode(camel, snake: true), keyStrategy: .convertToSnakeCase)
                == camel
        )
        #expect(try Validating.decodeArguments(from: #"{"n": 9}"#) == Validating(n: 9))
    }

    @Test("enums, optionals, collections and custom keys shape the schema")
    func shapes() throws {
        let weather = try SchemaDerivation.schema(for: Weather.self)
        #expect(
            weather["properties"]?["unit"] == [
                "type": "string", "enum": ["celsius", "fahrenheit"], "description": "The unit",
            ]
        )
        #expect(
            weather["properties"]?["days"] == [
                "type": "integer", "minimum": 1, "maximum": 7, "description": "How many days",
            ]
        )
        #expect(weather["required"] == ["city"])
        let order = try SchemaDerivation.schema(for: Order.self)
        #expect(order["properties"]?["priority"] == ["type": "integer", "enum": [1, 2]])
        #expect(order["properties"]?["tags"] == ["type": "array", "items": ["type": "string"], "uniqueItems": true])
        #expect(order["properties"]?["notes"] == ["type": "object", "additionalProperties": ["type": "string"]])
        #expect(order["properties"]?["items"]?["items"]?["required"] == ["sku", "quantity"])
        #expect(order["properties"]?["address"]?["required"] == ["street"])
        let renamed = try SchemaDerivation.schema(for: Renamed.self)
        #expect(renamed["properties"]?.objectValue?.keys == ["city", "postal_code"])
        let camel = try SchemaDerivation.schema(for: CamelCase.self, keyStrategy: .convertToSnakeCase)
        #expect(camel["properties"]?.objectValue?.keys == ["city_name", "max_results"])
    }

    @Test("recursive types become $ref, never an infinite loop")
    func recursion() throws {
        let node = try SchemaDerivation.schema(for: Node.self)
        #expect(node["properties"]?["children"] == ["type": "array", "items": ["$ref": "#"]])
        let category = try SchemaDerivation.schema(for: Category.self)
        #expect(category["properties"]?["sub"] == ["type": "array", "items": ["$ref": "#"]])
        #expect(category["properties"]?["owner"] == ["$ref": "#/$defs/Person"])
        #expect(
            category["$defs"]?["Person"]?["properties"]?["manager"] == [
                "type": "array", "items": ["$ref": "#/$defs/Person"],
            ]
        )
        _ = try Validator(category)
    }

    @Test("a validating initializer: a clear error, and sampleArguments as the way out")
    func validatingInit() throws {
        do {
            _ = try SchemaDerivation.schema(for: ValidatingWithoutSample.self)
            Issue.record("expected a derivation error")
        } catch {
            #expect(error.message.contains("ValidatingWithoutSample.init(from:) rejected the placeholder values"))
            #expect(error.message.contains("sampleArguments"))
        }
        #expect(try SchemaDerivation.schema(for: Validating.self)["required"] == ["n"])
        // Valid by the schema, refused by the initializer: the error keeps the place.
        do {
            _ = try Validating.decodeArguments(from: #"{"n": 2}"#)
            Issue.record("expected an error")
        } catch let error as ArgumentsError {
            #expect(error.decodingFailure?.instancePath.description == "/n")
            #expect(error.decodingFailure?.message == "n must be more than 5")
            #expect(error.hint.text.contains("`n`"))
        }
    }

    @Test("a description for a property that does not exist is an error")
    func unknownDescription() {
        #expect(throws: DerivationError.self) { try SchemaDerivation.schema(for: BadDescriptions.self) }
    }

    @Test("mutated arguments fail at the right paths, with a hint")
    func mutations() throws {
        let cases: [(String, String)] = [
            (#"{"city": "x", "unit": "kelvin"}"#, "/unit"), (#"{"city": "x", "days": 9}"#, "/days"),
            (#"{"unit": "celsius"}"#, ""),
            (#"{"city": "x", "colour": "red"}"#, "/colour"), (#"{"city": ""}"#, "/city"),
        ]
        for (text, path) in cases {
            do {
                _ = try Weather.decodeArguments(from: text)
                Issue.record("expected an error for \(text)")
            } catch let error as ArgumentsError {
                #expect(
                    error.check.errors.map(\.instancePath.description).contains(path),
                    "\(text): \(error.check.errors)"
                )
                #expect(error.hint.text.contains("Call `weather` again"))
            }
        }
        do {
            _ = try Order.decodeArguments(
                from:
                    #"{"items": [{"sku": "A", "quantity": 300}], "address": {"street": "s"}, "tags": [], "notes": {}, "priority": 3}"#
            )
            Issue.record("expected an error")
        } catch let error as ArgumentsError {
            #expect(Set(error.check.errors.map(\.instancePath.description)) == ["/items/0/quantity", "/priority"])
        }
    }

    @Test("coercion and repair apply before decoding")
    func coercion() throws {
        #expect(
            try Weather.decodeArguments(from: "{'city': 'x', 'unit': 'Celsius', 'days': '2'}")
                == Weather(city: "x", unit: .celsius, days: 2)
        )
    }

    @Test("the derived spec passes portable lint, and openai-strict when strict")
    func specs() throws {
        let spec = try ToolSpec(deriving: Weather.self)
        #expect(spec.name == "weather")
        #expect(spec.description == "获取天气。Get the weather.")
        #expect(Linter().lint([spec]).errorCount == 0)
        let strict = try ToolSpec(deriving: Weather.self, strict: true)
        #expect(strict.strict == true)
        #expect(Linter(profiles: [.openAIStrict]).lint([strict]).findings.filter { $0.severity == .error }.isEmpty)
        let value = try ToolSpec.emit([spec], as: .anthropic).value
        #expect(
            value[0]?["input_schema"]?["properties"]?["city"] == [
                "type": "string", "minLength": 1, "description": "The city",
            ]
        )
        for type in [Order.self, Node.self, Category.self, Renamed.self, Primitives.self] as [any Decodable.Type] {
            let spec = try ToolSpec(deriving: type)
            #expect(Linter().lint([spec]).errorCount == 0, "\(type)")
        }
    }
}

@Suite struct JSONValueDecoderTests {
    @Test("numbers decode exactly or not at all")
    func numbers() throws {
        let d = JSONValueDecoder()
        #expect(throws: DecodingError.self) { try d.decode(Int8.self, from: 300) }
        #expect(throws: DecodingError.self) { try d.decode(Int.self, from: 1.5) }
        #expect(try d.decode(Int.self, from: 2.0) == 2)
        #expect(try d.decode(UInt64.self, from: .number(JSONNumber(UInt64.max))) == UInt64.max)
        #expect(try d.decode(Decimal.self, from: .number(JSONNumber(literal: "0.1")!)) == Decimal(string: "0.1"))
    }

    @Test(
        "strings asked for generically (array elements, dictionary values) decode, and a wrong one names its place",
        arguments: [
            (#"{"tags": ["a", "北京"], "labels": {"k": "v"}, "nested": [["x"], []]}"#, nil),
            (#"{"tags": ["a", 1], "labels": {}, "nested": []}"#, "/tags/1"),
            (#"{"tags": [], "labels": {"k": null}, "nested": []}"#, "/labels/k"),
            (#"{"tags": [], "labels": {}, "nested": [["x", "y"], [true]]}"#, "/nested/1/0"),
        ] as [(String, String?)]
    )
    func genericStrings(text: String, failsAt pointer: String?) throws {
        struct Tagged: Decodable, Equatable {
            var tags: [String]
            var labels: [String: String]
            var nested: [[String]]
        }
        let value = try JSONValue(parsing: text)
        do {
            let decoded = try JSONValueDecoder().decode(Tagged.self, from: value)
            #expect(pointer == nil, "decoded \(decoded), expected a failure at \(pointer ?? "")")
            #expect(decoded == Tagged(tags: ["a", "北京"], labels: ["k": "v"], nested: [["x"], []]))
        } catch let error as DecodingError {
            #expect(error.jsonPointer.description == pointer)
        }
    }

    @Test("errors carry the JSON Pointer of the value")
    func pointers() {
        do {
            _ = try JSONValueDecoder().decode(Order.self, from: ["items": [["sku": "A", "quantity": "x"]]])
            Issue.record("expected an error")
        } catch let error as DecodingError {
            #expect(error.jsonPointer.description == "/items/0/quantity")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
