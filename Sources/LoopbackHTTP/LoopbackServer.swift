import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests and benchmarks of feed fetching: it answers
/// each request with what `handler` returns (or never answers, for timeouts), closes the
/// connection after each response, and counts the requests and bytes it sent.
public final class LoopbackServer: @unchecked Sendable {
    /// A request as the handler sees it; header names are lower-cased.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
    }

    /// What to send back.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Hold the connection open and never answer.
        public var silent: Bool

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], silent: Bool = false) {
            self.status = status
            self.headers = headers
            self.body = body
            self.silent = silent
        }

        public static func text(_ text: String, type: String = "application/xml", headers: [(String, String)] = []) -> Response {
            Response(headers: [("Content-Type", type)] + headers, body: Array(text.utf8))
        }
    }

    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var held: [Int32] = []
    private var sent = 0
    private var log: [Request] = []
    private var stopped = false

    public init(handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw ServerError(reason: String(cString: strerror(errno)))
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Why the server could not start.
    public struct ServerError: Error {
        public var reason: String
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)" + path }

    /// Bytes of responses (headers and bodies) sent so far.
    public var bytesSent: Int { lock.withLock { sent } }

    /// Every request received so far, in order.
    public var requests: [Request] { lock.withLock { log } }

    public func stop() {
        let open = lock.withLock { () -> [Int32] in
            stopped = true
            defer { held = [] }
            return held
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in open { close(fd) }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            DispatchQueue.global().async { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        guard let request = readRequest(connection) else {
            close(connection)
            return
        }
        let response = handler(request)
        let keep = lock.withLock { () -> Bool in
            log.append(request)
            guard response.silent, !stopped else { return false }
            held.append(connection)
            return true
        }
        if keep { return }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + (request.method == "HEAD" ? [] : response.body)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { break }
            offset += written
        }
        lock.withLock { sent += offset }
        shutdown(connection, Int32(SHUT_WR))
        var drain = [UInt8](repeating: 0, count: 512)
        while recv(connection, &drain, drain.count, 0) > 0 {}
        close(connection)
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.count < 65_536 {
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            data += chunk[..<count]
            if let first = data.first, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
                // Not HTTP (a TLS handshake, say): answered as a plain HTTP server would.
                let refusal = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                _ = refusal.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                return nil
            }
            if let end = data.firstRange(of: [13, 10, 13, 10]) {
                let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                let first = lines[0].split(separator: " ")
                guard first.count >= 2 else { return nil }
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                return Request(method: String(first[0]), path: String(first[1]), headers: headers)
            }
        }
        return nil
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 308: return "Permanent Redirect"
        case 404: return "Not Found"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        default: return "Status"
        }
    }
}
