extension Sequence where Element: Hashable {
    /// The elements written out, each one `replacements` names as its replacement and every other
    /// as `other` writes it: the one loop behind the markup escapers (HTML reports, signature XML),
    /// which differ only in their table, their unit (scalar or character) and what the rest becomes.
    public func escaped(_ replacements: [Element: String], other: (Element, inout String) -> Void) -> String {
        var out = ""
        out.reserveCapacity(underestimatedCount)
        for element in self {
            if let replacement = replacements[element] { out += replacement } else { other(element, &out) }
        }
        return out
    }
}
