@testable import ASiC
import Testing

/// A zip comment is shown whole when short; a long one is cut at a word boundary, never inside a
/// word or a UTF-8 character, with its total length.
@Suite("Zip comments")
struct CommentRuleTests {
    @Test func shortCommentsAreWhole() {
        #expect(CommentRule.excerpt(Array("signed by the board".utf8)) == "signed by the board")
    }

    @Test func longCommentsAreCutBetweenWords() {
        let words = (0..<80).map { "wörd\($0)" }.joined(separator: " ")
        let excerpt = CommentRule.excerpt(Array(words.utf8))
        #expect(excerpt.hasSuffix("… (\(words.utf8.count) bytes in all)"))
        let kept = excerpt.components(separatedBy: "…").first ?? ""
        #expect(kept.count <= 200)
        #expect(words.hasPrefix(kept) && words.dropFirst(kept.count).first == " ", "cut inside a word: \(kept.suffix(12))")
    }
}
