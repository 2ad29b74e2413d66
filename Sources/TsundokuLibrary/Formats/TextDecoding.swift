/// Turns a file's bytes into text, or says in one line why they are not a saved article.
enum TextDecoding {
    /// Bytes scanned for NUL and control bytes when deciding whether a file is binary.
    private static let binaryProbeLength = 8192

    static func decode(_ bytes: [UInt8]) -> Result<String, DecodingProblem> {
        let body = bytes[textStart(of: bytes)...]
        if let problem = problemBeforeValidating(bytes) { return .failure(problem) }
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }
        let offset = firstInvalidUTF8Offset(body) ?? 0
        return .failure(.invalidUTF8(offset: offset + (bytes.count - body.count)))
    }

    /// Where the text starts: after a UTF-8 byte-order mark, if any.
    static func textStart(of bytes: [UInt8]) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Why `bytes` are no text, as far as can be told without validating them as UTF-8: empty,
    /// UTF-16 or binary.
    static func problemBeforeValidating(_ bytes: [UInt8]) -> DecodingProblem? {
        let body = bytes[textStart(of: bytes)...]
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .empty }
        if looksLikeUTF16(bytes) { return .utf16 }
        if hasBinaryMagic(body) || looksBinary(body.prefix(binaryProbeLength)) { return .binary }
        return nil
    }

    /// Formats that are never text, by their first bytes: images, PDF, archives, executables,
    /// SQLite, fonts and media.
    private static let magicNumbers: [[UInt8]] = [
        [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), Array("%PDF".utf8), [0x1F, 0x8B],
        [0x50, 0x4B, 0x03, 0x04], [0x7F, 0x45, 0x4C, 0x46], Array("SQLite format 3".utf8), [0x42, 0x5A, 0x68],
        [0xFD, 0x37, 0x7A, 0x58, 0x5A], [0x28, 0xB5, 0x2F, 0xFD], Array("RIFF".utf8), [0x00, 0x00, 0x00],
        [0x4F, 0x67, 0x67, 0x53], Array("wOFF".utf8), [0xCA, 0xFE, 0xBA, 0xBE], [0xCF, 0xFA, 0xED, 0xFE],
    ]

    private static func hasBinaryMagic(_ body: ArraySlice<UInt8>) -> Bool {
        magicNumbers.contains { body.starts(with: $0) }
    }

    /// Binary when more than one byte in a hundred is NUL or one in ten another control byte;
    /// a stray NUL, BEL or ESC in good text is shown (made visible), not a reason to drop it.
    private static func looksBinary(_ probe: ArraySlice<UInt8>) -> Bool {
        var controls = 0
        var nuls = 0
        for byte in probe where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            if byte == 0 { nuls += 1 } else { controls += 1 }
        }
        return nuls * 100 > probe.count || controls * 10 > probe.count
    }

    /// A byte-order mark of UTF-16, or every other byte NUL in the first line's worth of ASCII.
    private static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        let probe = bytes.prefix(256)
        guard probe.count >= 8 else { return false }
        let evenZeros = stride(from: 0, to: probe.count, by: 2).filter { probe[$0] == 0 }.count
        let oddZeros = stride(from: 1, to: probe.count, by: 2).filter { probe[$0] == 0 }.count
        let half = probe.count / 2
        return max(evenZeros, oddZeros) * 10 >= half * 8 && min(evenZeros, oddZeros) * 10 <= half
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
    case utf16

    var message: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file, not a saved article"
        case .utf16: return "UTF-16 text; convert it to UTF-8 with `iconv -f UTF-16 -t UTF-8 FILE > FILE.txt`"
        case .invalidUTF8(let offset):
            return "not valid UTF-8 (first bad byte at offset \(offset); GBK or another legacy encoding? convert it with iconv)"
        }
    }
}
