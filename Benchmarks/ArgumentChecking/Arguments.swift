import ToolSchema

/// Typed arguments for the fixtures, for decodeArguments and JSONDecoder side by side.
struct WeatherArguments: Decodable {
    var city: String
    var unit: Unit?
    enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }
}

struct BookingArguments: Decodable {
    var from: String
    var to: String
    var date: String
    var departureTime: String?
    var passengers: Int
    var seatClass: SeatClass?
    var returnTrip: Bool?
    var passengerNames: [String]?
    var contactEmail: String?
    var notes: String?
    enum SeatClass: String, Decodable, CaseIterable { case business, first, second }
    enum CodingKeys: String, CodingKey {
        case from, to, date, passengers, notes
        case departureTime = "departure_time"
        case seatClass = "seat_class"
        case returnTrip = "return_trip"
        case passengerNames = "passenger_names"
        case contactEmail = "contact_email"
    }
}
