/// Turns a file's bytes into text, or says in one line why they are not a saved article.
enum TextDecoding {
    /// Bytes scanned for NUL and control bytes when deciding whether a file is binary.
    private static let binaryProbeLength = 8192

    static func decode(_ bytes: [UInt8]) -> Result<String, DecodingProblem> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(.empty)
        }
        if looksBinary(body.prefix(binaryProbeLength)) { return .failure(.binary) }
        if let offset = firstInvalidUTF8Offset(body) {
            return .failure(.invalidUTF8(offset: offset + (bytes.count - body.count)))
        }
        return .success(String(decoding: body, as: UTF8.self))
    }

    private static func looksBinary(_ probe: ArraySlice<UInt8>) -> Bool {
        var controls = 0
        for byte in probe {
            if byte == 0 { return true }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B {
                controls += 1
            }
        }
        return controls * 10 > probe.count
    }

    /// The offset of the first byte that breaks UTF-8, or nil when the bytes are valid.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return index - bytes.startIndex
            }
            guard index + length <= end else { return index - bytes.startIndex }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return index - bytes.startIndex }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return index - bytes.startIndex
            }
            index += length
        }
        return nil
    }
}

/// Why a file's bytes are not readable text.
enum DecodingProblem: Error, Equatable {
    case empty
    case binary
    case invalidUTF8(offset: Int)

    var message: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file, not a saved article"
        case .invalidUTF8(let offset):
            return "not valid UTF-8 (first bad byte at offset \(offset); GBK or another legacy encoding? convert it with iconv)"
        }
    }
}
