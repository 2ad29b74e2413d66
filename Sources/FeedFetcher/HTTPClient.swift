import Feeds
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one conditional GET of a feed came to.
public enum HTTPOutcome: Sendable, Equatable {
    /// `304 Not Modified`: the copy we have is current.
    case notModified
    /// The body and what to remember: the validators, the charset, and the URL a chain of
    /// permanent redirects (301, 308) led to.
    case fetched(body: [UInt8], charset: String?, etag: String?, lastModified: String?, movedTo: String?)
    /// `429` or `503` with a time to come back.
    case wait(until: Date, status: Int)
    case failed(String)
}

/// Fetches feeds through URLSession: conditional GET, gzip (libcurl decodes it), at most ten
/// redirects with the permanent ones noted, a size cap checked on the declared length and on
/// every chunk, a per-request timeout and a `User-Agent` naming tsundoku.
public final class HTTPClient: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Transfer {
        var body: [UInt8] = []
        var response: HTTPURLResponse?
        var permanentTarget: String?
        var onlyPermanent = true
        var redirects = 0
        var tooLarge = false
        var continuation: CheckedContinuation<HTTPOutcome, Never>
    }

    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]
    private let maximumBytes: Int
    private let userAgent: String
    private let timeout: TimeInterval
    private var session: URLSession!

    public init(userAgent: String, timeout: TimeInterval, maximumBytes: Int) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 2
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    /// Ends the session; the client cannot be used after.
    public func close() { session.finishTasksAndInvalidate() }

    public func get(_ url: URL, etag: String?, lastModified: String?) async -> HTTPOutcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8",
                         forHTTPHeaderField: "Accept")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request)
            lock.withLock { transfers[task.taskIdentifier] = Transfer(continuation: continuation) }
            task.resume()
        }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        let follow = lock.withLock { () -> Bool in
            guard var transfer = transfers[task.taskIdentifier] else { return false }
            transfer.redirects += 1
            if [301, 308].contains(response.statusCode), transfer.onlyPermanent {
                transfer.permanentTarget = request.url?.absoluteString
            } else {
                transfer.onlyPermanent = false
                transfer.permanentTarget = nil
            }
            transfers[task.taskIdentifier] = transfer
            return transfer.redirects <= 10
        }
        var next = request
        next.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        completionHandler(follow ? next : nil)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                           completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let tooLarge = response.expectedContentLength > Int64(maximumBytes)
        lock.withLock {
            transfers[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse
            if tooLarge { transfers[dataTask.taskIdentifier]?.tooLarge = true }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock { () -> Bool in
            guard var transfer = transfers[dataTask.taskIdentifier], !transfer.tooLarge else { return false }
            transfer.body.append(contentsOf: data)
            transfer.tooLarge = transfer.body.count > maximumBytes
            if transfer.tooLarge { transfer.body = [] }
            transfers[dataTask.taskIdentifier] = transfer
            return transfer.tooLarge
        }
        if tooLarge { dataTask.cancel() }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let transfer = lock.withLock({ transfers.removeValue(forKey: task.taskIdentifier) }) else { return }
        transfer.continuation.resume(returning: outcome(transfer, error: error))
    }

    private func outcome(_ transfer: Transfer, error: Error?) -> HTTPOutcome {
        if transfer.tooLarge { return .failed("larger than the \(ByteCount.text(maximumBytes)) a feed may be") }
        if transfer.redirects > 10 { return .failed("too many redirects") }
        if let error { return .failed(Self.reason(error)) }
        guard let response = transfer.response else { return .failed("no response") }
        let status = response.statusCode
        switch status {
        case 304: return .notModified
        case 200..<300:
            return .fetched(body: transfer.body, charset: Self.charset(response.value(forHTTPHeaderField: "Content-Type")),
                            etag: response.value(forHTTPHeaderField: "ETag"),
                            lastModified: response.value(forHTTPHeaderField: "Last-Modified"),
                            movedTo: transfer.permanentTarget)
        case 429, 503:
            if let until = Self.retryAfter(response.value(forHTTPHeaderField: "Retry-After")) { return .wait(until: until, status: status) }
            return .failed("HTTP \(status) \(HTTPURLResponse.localizedString(forStatusCode: status))")
        default:
            return .failed("HTTP \(status) \(HTTPURLResponse.localizedString(forStatusCode: status))")
        }
    }

    /// `Retry-After` in seconds or as an HTTP date; at most a day away.
    static func retryAfter(_ value: String?) -> Date? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        let now = Date()
        if let seconds = Int(value) { return now.addingTimeInterval(TimeInterval(min(max(seconds, 0), 86_400))) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { min($0, now.addingTimeInterval(86_400)) }
    }

    static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == "charset" { return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
        }
        return nil
    }

    /// A network error in a few words: what failed, not the error's type.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return error.localizedDescription }
        let description = nsError.localizedDescription
        if ["SSL", "TLS", "certificate"].contains(where: description.contains) { return "TLS failed: \(description)" }
        switch nsError.code {
        case NSURLErrorTimedOut: return "timed out"
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "host not found"
        case NSURLErrorCannotConnectToHost: return "connection refused"
        case NSURLErrorNetworkConnectionLost: return "connection lost"
        case NSURLErrorNotConnectedToInternet: return "not connected to the network"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
             NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorClientCertificateRejected:
            return "TLS failed: \(nsError.localizedDescription)"
        case NSURLErrorHTTPTooManyRedirects: return "too many redirects"
        case NSURLErrorCancelled: return "cancelled"
        default: return nsError.localizedDescription
        }
    }
}
