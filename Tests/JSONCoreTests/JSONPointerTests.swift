import JSONCore
import Testing

@Suite struct JSONPointerTests {
    // The document from RFC 6901, section 5.
    static let document = try! JSONValue(
        parsing:
            #"{"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8}"#
    )

    @Test(
        "RFC 6901 section 5 examples",
        arguments: [
            ("", nil), ("/foo", #"["bar","baz"]"#), ("/foo/0", #""bar""#), ("/", "0"), ("/a~1b", "1"), ("/c%d", "2"),
            ("/e^f", "3"), ("/g|h", "4"), ("/i\\j", "5"), ("/k\"l", "6"), ("/ ", "7"), ("/m~0n", "8"),
        ] as [(String, String?)]
    )
    func rfcExamples(_ pointer: String, _ expected: String?) throws {
        let p = try JSONPointer(parsing: pointer)
        let resolved = try #require(p.resolve(in: Self.document))
        if let expected {
            #expect(resolved == (try JSONValue(parsing: expected)))
        } else {
            #expect(resolved == Self.document)
        }
        #expect(p.description == pointer, "escaping round-trips")
    }

    @Test(
        "RFC 6901 section 6 fragment examples",
        arguments: [
            ("#", ""), ("#/foo", "/foo"), ("#/foo/0", "/foo/0"), ("#/", "/"), ("#/a~1b", "/a~1b"), ("#/c%25d", "/c%d"),
            ("#/e%5Ef", "/e^f"), ("#/g%7Ch", "/g|h"), ("#/i%5Cj", "/i\\j"), ("#/k%22l", "/k\"l"), ("#/%20", "/ "),
            ("#/m~0n", "/m~0n"),
        ]
    )
    func fragments(_ fragment: String, _ pointer: String) throws {
        let p = try JSONPointer(fragment: fragment)
        #expect(p == (try JSONPointer(parsing: pointer)))
        #expect(try JSONPointer(fragment: p.fragment) == p)
    }

    @Test func buildingAndEscaping() {
        let p = JSONPointer.root.appending("a/b").appending(index: 3).appending("m~n")
        #expect(p.description == "/a~1b/3/m~0n")
        #expect(p.tokens == ["a/b", "3", "m~n"])
        #expect(p.parent?.description == "/a~1b/3")
        #expect(JSONPointer.root.parent == nil)
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer.escape("~/") == "~0~1")
    }

    @Test("~01 unescapes to ~1, not /")
    func unescapeOrder() throws {
        #expect(try JSONPointer(parsing: "/~01").tokens == ["~1"])
    }

    @Test("invalid pointers", arguments: ["foo", "/~", "/~2", "/a~"])
    func invalid(_ text: String) {
        #expect(throws: JSONPointer.ParseError.self) { try JSONPointer(parsing: text) }
    }

    @Test func invalidFragments() {
        #expect(throws: JSONPointer.ParseError.self) { try JSONPointer(fragment: "/a") }
        #expect(throws: JSONPointer.ParseError.self) { try JSONPointer(fragment: "#/a%2") }
    }

    @Test("array indexes: no leading zeros, '-' names nothing")
    func arrayIndexes() throws {
        let doc: JSONValue = ["a": [10, 20]]
        #expect(try JSONPointer(parsing: "/a/1").resolve(in: doc) == 20)
        #expect(try JSONPointer(parsing: "/a/01").resolve(in: doc) == nil)
        #expect(try JSONPointer(parsing: "/a/-").resolve(in: doc) == nil)
        #expect(try JSONPointer(parsing: "/a/2").resolve(in: doc) == nil)
        #expect(try JSONPointer(parsing: "/a/x").resolve(in: doc) == nil)
        #expect(try JSONPointer(parsing: "/a/0/z").resolve(in: doc) == nil)
    }
}
