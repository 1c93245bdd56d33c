/// A certificate's subject and issuer as text (`X509_NAME_print_ex`, tens of thousands of
/// instructions each), made on first ask. One instance is shared by every `Certificate` made from
/// the same cached parse, so a batch prints its signers' and CAs' names once, not per container.
final class NameTexts: @unchecked Sendable {
    struct Texts {
        var subject: String?
        var issuer: String?
    }

    private let texts = Locked(Texts())

    func text(_ which: WritableKeyPath<Texts, String?>, make: () -> String) -> String {
        texts.withLock { texts in
            if let done = texts[keyPath: which] { return done }
            let made = make()
            texts[keyPath: which] = made
            return made
        }
    }
}
