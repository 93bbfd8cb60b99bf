internal import Foundation

/// When and how long to wait before sending a failed request again.
///
/// Retried: connection failures and timeouts, and the statuses 408, 409, 429 and 5xx
/// (Anthropic's 529 `overloaded_error` among them). A server's `x-should-retry: true` or
/// `false` decides first; then its `retry-after-ms`, then `Retry-After` (seconds or an HTTP
/// date) gives the delay when it is at most ``maxServerDelay`` and fits the time left;
/// otherwise the delay is exponential backoff with jitter.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    public var maxRetries: Int = 2
    /// The first backoff delay; it doubles with each retry.
    public var initialDelay: Duration = .milliseconds(500)
    /// The longest backoff delay.
    public var maxDelay: Duration = .seconds(8)
    /// The longest delay a server may ask for; a longer one falls back to backoff.
    public var maxServerDelay: Duration = .seconds(60)
    /// The share of each backoff delay that is randomly taken off (0 to 1).
    public var jitter: Double = 0.25
    /// How the loop waits; replace it to run retries without real waiting (tests).
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// The defaults.
    public init() {}

    /// No retries.
    public static var none: RetryPolicy {
        var policy = RetryPolicy()
        policy.maxRetries = 0
        return policy
    }

    /// Whether a status is worth sending again, before the server's own word.
    static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || status >= 500
    }

    /// Whether to retry a response, by `x-should-retry` first, then the status.
    static func shouldRetry(_ response: HTTPResponseData) -> Bool {
        switch response.header("x-should-retry")?.lowercased() {
        case "true": true
        case "false": false
        default: isRetryable(status: response.status)
        }
    }

    /// The delay before retry number `retry` (1 for the first), from the server's headers
    /// when they give a usable one.
    func delay(retry: Int, response: HTTPResponseData?, now: Date = Date()) -> Duration {
        if let response, let asked = Self.serverDelay(response, now: now), asked <= maxServerDelay {
            return asked
        }
        let exponent = Double(min(retry - 1, 30))
        let base = min(initialDelay * pow(2, exponent), maxDelay)
        let cut = jitter > 0 ? Double.random(in: 0..<min(jitter, 1)) : 0
        return base * (1 - cut)
    }

    /// The delay a response asks for: `retry-after-ms`, then `Retry-After` in seconds or as an
    /// HTTP date.
    static func serverDelay(_ response: HTTPResponseData, now: Date) -> Duration? {
        if let ms = response.header("retry-after-ms").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
            ms >= 0, ms.isFinite
        {
            return .milliseconds(Int64(min(ms, 86_400_000)))
        }
        guard let value = response.header("retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value), seconds >= 0, seconds.isFinite {
            return .milliseconds(Int64(min(seconds, 86_400) * 1000))
        }
        if let date = HTTPDate.parse(value) {
            let seconds = date.timeIntervalSince(now)
            return .milliseconds(Int64(max(0, min(seconds, 86_400)) * 1000))
        }
        return nil
    }
}

/// HTTP dates (RFC 9110 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), parsed by hand so
/// the result does not depend on the locale.
enum HTTPDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5].uppercased() == "GMT",
            let day = Int(parts[1]), (1...31).contains(day),
            let month = months.firstIndex(of: parts[2].lowercased()),
            let year = Int(parts[3]), year >= 1970
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), in UTC.
        let y = month < 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let m = month + 1
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
