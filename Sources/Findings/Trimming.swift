/// The one way to trim text in the package: XML text nodes, header values, policy-file lines.
extension StringProtocol {
    /// Without leading and trailing white space (Unicode white space, including line breaks).
    public var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// Without leading and trailing characters of `set`.
    public func trimming(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
