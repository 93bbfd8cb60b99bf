/// Payloads that look like real tool-call arguments, generated deterministically.
public enum Fixtures {
    /// A `get_weather` call, about 34 bytes.
    public static let weather = #"{"city":"Beijing","unit":"celsius"}"#

    /// A booking call, about 300 bytes: strings, a bounded integer, a boolean, a date, an enum,
    /// a short array.
    public static let booking = """
        {"from":"Shanghai Hongqiao","to":"Beijing South","date":"2026-12-24","departure_time":"08:30",\
        "passengers":2,"seat_class":"second","return_trip":false,"passenger_names":["张伟","Li Na"],\
        "contact_email":"zhang.wei@example.com","notes":"Window seats if possible, and a quiet carriage."}
        """

    /// A nested order, about 3 KB: an array of items with options, an address, a payment.
    public static let order: String = {
        var items: [String] = []
        for k in 0..<18 {
            items.append(
                """
                {"sku":"SKU-\(1000 + k)","name":"Item number \(k) 商品","quantity":\(k % 4 + 1),\
                "unit_price":\(Double(k) * 3.25 + 9.99),"options":{"color":"\(["red", "blue", "green"][k % 3])",\
                "gift_wrap":\(k % 2 == 0)},"tags":["t\(k)","sale"]}
                """
            )
        }
        return """
            {"order_id":"ORD-2026-000123","customer":{"id":98765,"name":"王芳","email":"wang.fang@example.com"},\
            "items":[\(items.joined(separator: ","))],\
            "shipping_address":{"street":"88 Century Avenue","city":"Shanghai","postal_code":"200120","country":"CN"},\
            "payment":{"method":"card","last4":"4242"},"priority":"express","notes":null}
            """
    }()

    /// A bulk upsert, about 1 MB: thousands of records under one property.
    public static let bulk: String = {
        var records: [String] = []
        var k = 0
        var size = 0
        while size < 1_000_000 {
            let record = """
                {"id":\(k),"name":"record-\(k)","score":\(Double(k % 1000) / 8),"active":\(k % 3 != 0),\
                "tags":["a","b\(k % 7)"],"meta":{"region":"r\(k % 5)","weight":\(k % 97)}}
                """
            records.append(record)
            size += record.utf8.count + 1
            k += 1
        }
        return #"{"records":["# + records.joined(separator: ",") + "]}"
    }()

    /// The booking call as models break it: fenced, single quotes, Python literals, a trailing comma.
    public static let bookingMalformed = """
        ```json
        {'from': 'Shanghai Hongqiao', 'to': 'Beijing South', 'date': '2026-12-24', 'departure_time': '08:30',
         'passengers': 2, 'seat_class': 'second', 'return_trip': False, 'passenger_names': ['张伟', 'Li Na'],
         'contact_email': 'zhang.wei@example.com', 'notes': 'Window seats if possible, and a quiet carriage.',}
        ```
        """
}
