import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a feed's bytes into UTF-8. The encoding is taken from a byte order mark, else the XML
/// prolog, else the HTTP charset; bytes that are valid UTF-8 are read as UTF-8 whatever the
/// declaration says (a feed that declares ISO-8859-1 and is UTF-8 is common). GBK and GB2312
/// are read as GB18030 and Big5 as Big5-HKSCS (their supersets), through the C library's iconv.
public enum FeedEncoding {
    /// The feed as UTF-8 bytes and the encoding it was read as; bytes the encoding cannot read
    /// become U+FFFD.
    public static func utf8(_ bytes: [UInt8], httpCharset: String? = nil) -> (bytes: [UInt8], encoding: String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (Array(bytes.dropFirst(3)), "UTF-8") }
        if bytes.starts(with: [0xFE, 0xFF]) { return (convert(bytes.dropFirst(2), from: "UTF-16BE"), "UTF-16BE") }
        if bytes.starts(with: [0xFF, 0xFE]) { return (convert(bytes.dropFirst(2), from: "UTF-16LE"), "UTF-16LE") }
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, "UTF-8") }
        let declared = prologEncoding(bytes) ?? httpCharset
        guard let name = declared.map(superset), name != "UTF-8" else {
            return (Array(String(decoding: bytes, as: UTF8.self).utf8), "UTF-8")
        }
        return (convert(bytes[...], from: name), name)
    }

    /// `encoding="..."` of an `<?xml ...?>` prolog at the start of the bytes.
    static func prologEncoding(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(200)
        guard head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let prolog = String(decoding: head[..<end], as: UTF8.self)
        guard let key = prolog.range(of: "encoding") else { return nil }
        let rest = prolog[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    /// The encoding iconv is asked for: a superset where the declared one is commonly exceeded.
    static func superset(_ name: String) -> String {
        switch name.lowercased().trimmingCharacters(in: .whitespaces) {
        case "utf-8", "utf8": return "UTF-8"
        case "gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "gb18030": return "GB18030"
        case "big5", "x-big5", "big5-hkscs", "cp950": return "BIG5-HKSCS"
        case "iso-8859-1", "latin1", "us-ascii", "ascii": return "WINDOWS-1252"
        default: return name
        }
    }

    /// `bytes` converted from `encoding` to UTF-8; a byte it cannot read becomes U+FFFD, an
    /// encoding iconv does not know reads as UTF-8 with replacements.
    static func convert(_ bytes: ArraySlice<UInt8>, from encoding: String) -> [UInt8] {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, converter != iconv_t(bitPattern: -1) else {
            return Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        defer { iconv_close(converter) }
        var input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                let (written, failed) = chunk.withUnsafeMutableBufferPointer { outputBuffer -> (Int, Int32?) in
                    var outPointer = UnsafeMutableRawPointer(outputBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                    var outLeft = outputBuffer.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (outputBuffer.count - outLeft, result == -1 ? errno : nil)
                }
                output.append(contentsOf: chunk[..<written])
                switch failed {
                case E2BIG?: continue
                case EILSEQ?, EINVAL?:
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                case nil: break
                default: inLeft = 0
                }
            }
        }
        return output
    }
}
