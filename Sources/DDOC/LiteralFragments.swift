/// The literal text of elements as written in the file. The reference implementation digests
/// SignedInfo and SignedProperties from the bytes it read, as standalone fragments (no inherited
/// namespaces), so the validator must see those same bytes rather than a re-serialised tree.
struct LiteralFragments {
    let bytes: [UInt8]

    /// Byte ranges of the `Signature` elements (optionally prefixed), in document order.
    func signatures() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var from = 0
        while let start = startTag("Signature", from: from, in: 0..<bytes.count) {
            guard let end = endTag(of: start, named: "Signature") else { break }
            result.append(start.lowerBound..<end)
            from = end
        }
        return result
    }

    /// The first element `name` inside `range`: its full literal text (start tag to end tag).
    func element(_ name: String, in range: Range<Int>) -> [UInt8]? {
        guard let start = startTag(name, from: range.lowerBound, in: range), let end = endTag(of: start, named: name), end <= range.upperBound else {
            return nil
        }
        return Array(bytes[start.lowerBound..<end])
    }

    /// True when `range` holds a comment, a CDATA section or a processing instruction (`<!`, `<?`).
    func containsHiddenMarkup(in range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index + 1 < range.upperBound {
            if bytes[index] == 0x3C, bytes[index + 1] == 0x21 || bytes[index + 1] == 0x3F { return true }
            index += 1
        }
        return false
    }

    /// The start of `<name` or `<prefix:name` followed by whitespace, `>` or `/`, at or after `from`.
    private func startTag(_ name: String, from: Int, in range: Range<Int>) -> Range<Int>? {
        let needle = Array(name.utf8)
        var index = from
        while index < range.upperBound {
            guard bytes[index] == 0x3C else { index += 1; continue }
            var cursor = index + 1
            // An optional prefix.
            var scan = cursor
            while scan < range.upperBound, Self.isNameByte(bytes[scan]) { scan += 1 }
            if scan < range.upperBound, bytes[scan] == 0x3A { cursor = scan + 1 }
            let after = cursor + needle.count
            if after < range.upperBound, Array(bytes[cursor..<after]) == needle,
               [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(bytes[after]) {
                return index..<cursor
            }
            index += 1
        }
        return nil
    }

    /// The end (exclusive) of the element whose start tag begins at `start` (`prefix:` included
    /// in its upper bound): after its matching end tag, counting nested same-name elements.
    private func endTag(of start: Range<Int>, named name: String) -> Int? {
        let qualified = Array(bytes[(start.lowerBound + 1)..<start.upperBound]) + Array(name.utf8)
        let open = [0x3C] + qualified
        let close = [0x3C, 0x2F] + qualified
        var depth = 0
        var index = start.lowerBound
        while index < bytes.count {
            if bytes[index] == 0x3C {
                if matches(close, at: index), index + close.count < bytes.count,
                   [0x20, 0x09, 0x0A, 0x0D, 0x3E].contains(bytes[index + close.count]) {
                    let after = index + close.count
                    guard let gt = bytes[after...].firstIndex(of: 0x3E) else { return nil }
                    depth -= 1
                    if depth == 0 { return gt + 1 }
                    index = gt + 1
                    continue
                }
                if matches(open, at: index), index + open.count < bytes.count,
                   [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(bytes[index + open.count]) {
                    guard let gt = bytes[index...].firstIndex(of: 0x3E) else { return nil }
                    if bytes[gt - 1] != 0x2F { depth += 1 } else if depth == 0 { return gt + 1 }
                    index = gt + 1
                    continue
                }
            }
            index += 1
        }
        return nil
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        index + needle.count <= bytes.count && bytes[index..<(index + needle.count)].elementsEqual(needle)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D || byte == 0x2E
    }
}
