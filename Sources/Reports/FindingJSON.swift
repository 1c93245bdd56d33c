import Findings

extension Finding {
    /// `{"key","level","message"[,"subject"]}` as the contract's `containerFindings`/`findings` items.
    public var json: JSON {
        var members: [(String, JSON)] = [("key", .string(key)), ("level", .string(level.rawValue)), ("message", .string(message))]
        if let subject { members.append(("subject", .string(subject))) }
        return .object(members)
    }
}
