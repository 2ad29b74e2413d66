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

extension UnsafeBufferPointer<UInt8> {
    /// Whether every byte is ASCII, eight at a time.
    public var isASCII: Bool {
        allWords(pass: { $0 & Self.highBits == 0 }, bytesPass: { $0 < 0x80 })
    }

    /// Whether every byte is printable ASCII (from a space to `~`), eight at a time: a text
    /// `Sanitizer` gives back as it is.
    public var isPrintableASCII: Bool {
        allWords(pass: { word in
            // Below a space: `(word - 0x20 each) & ~word` has a high bit; DEL: `word + 1 each` has.
            (word | (word &+ Self.ones) | ((word &- Self.ones &* 0x20) & ~word)) & Self.highBits == 0
        }, bytesPass: { $0 >= 0x20 && $0 < 0x7F })
    }

    private static var ones: UInt64 { 0x0101_0101_0101_0101 }
    private static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    private func allWords(pass: (UInt64) -> Bool, bytesPass: (UInt8) -> Bool) -> Bool {
        guard let base = UnsafeRawPointer(baseAddress) else { return true }
        var offset = 0
        while offset + 8 <= count {
            if !pass(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return false }
            offset += 8
        }
        return self[offset...].allSatisfy(bytesPass)
    }
}
