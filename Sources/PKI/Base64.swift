/// Base64 as XML signatures carry it: whitespace anywhere (line breaks, `&#13;` carriage returns
/// left by Java's Santuario) is skipped; any other non-alphabet character is an error.
public enum Base64 {
    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = Int8(index)
        }
        return table
    }()

    /// Decodes `text`, or returns nil when it is not base64.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        // Native strings are contiguous UTF-8; a bridged one is made so once.
        return text.withUTF8 { input in table.withUnsafeBufferPointer { decode(input, table: $0) } }
    }

    /// One pass over the bytes into a buffer of the largest size they can decode to: every
    /// certificate, OCSP response and time-stamp of a signature comes through here. Four
    /// characters of the alphabet at a group boundary are decoded at once; anything else
    /// (whitespace, padding, an error) goes character by character.
    private static func decode(_ input: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<Int8>) -> [UInt8]? {
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: input.count * 3 / 4 + 3) { output, written in
            var count = 0
            var buffer: UInt32 = 0
            var bits = 0
            var padding = 0
            var index = 0
            while index < input.count {
                // At a group boundary, whole groups in a tight loop until one holds anything else.
                if bits == 0, padding == 0 {
                    while index + 4 <= input.count {
                        let a = table[Int(input[index])], b = table[Int(input[index + 1])]
                        let c = table[Int(input[index + 2])], d = table[Int(input[index + 3])]
                        guard a | b | c | d >= 0 else { break }
                        let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        output[count] = UInt8(truncatingIfNeeded: group >> 16)
                        output[count + 1] = UInt8(truncatingIfNeeded: group >> 8)
                        output[count + 2] = UInt8(truncatingIfNeeded: group)
                        count += 3
                        index += 4
                    }
                    guard index < input.count else { break }
                }
                let byte = input[index]
                index += 1
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D:
                    continue
                case UInt8(ascii: "="):
                    padding += 1
                    continue
                default:
                    let value = table[Int(byte)]
                    guard padding == 0, value >= 0 else {
                        failed = true
                        written = 0
                        return
                    }
                    buffer = buffer << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output[count] = UInt8(truncatingIfNeeded: buffer >> UInt32(bits))
                        count += 1
                    }
                }
            }
            failed = padding > 2 || bits >= 6
            written = failed ? 0 : count
        }
        return failed ? nil : out
    }

    /// Standard base64 with padding, no line breaks.
    public static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
