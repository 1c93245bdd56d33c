import Findings

/// Escaping for text and attribute values written into signature XML.
enum XMLText {
    static let escapes: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "\r": "&#13;"]

    /// By character, as it always was: a CR LF pair is one character and stays as it is.
    static func escape(_ text: String) -> String {
        text.escaped(escapes) { character, out in out.append(character) }
    }

    /// libdigidocpp's URI encoding: every byte except `A-Za-z0-9-._~/` is percent-encoded.
    static func uri(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
