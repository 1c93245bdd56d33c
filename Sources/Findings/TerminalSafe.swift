/// The one place attacker-controlled text (certificate names, file names, XML values, messages
/// that quote them) is neutralised before it reaches a terminal: C0 and C1 controls, ESC, CR,
/// line breaks, bidirectional overrides and isolates, and invisible format characters are shown
/// as visible escapes (`\e`, `\n`, `\u202E` …), so a name can neither move the cursor, recolour
/// or clear the screen, start a fake line, nor reorder what is around it.
extension StringProtocol {
    public var terminalSafe: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x1B: out += "\\e"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F: out += "\\x" + hex(scalar.value, width: 2)
            case 0x80...0x9F, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF:
                out += "\\u" + hex(scalar.value, width: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

private func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
