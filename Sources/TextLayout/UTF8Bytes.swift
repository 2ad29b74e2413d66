extension String {
    /// Runs `body` over the string's UTF-8 bytes in place. Unlike `withUTF8`, it needs no
    /// mutable copy of the string, whose retain and release cost more than the scan of a short
    /// text (an address tested once per link, 40,000 times in a long article).
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
