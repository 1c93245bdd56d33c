import Findings
import PKI

/// Moves trust from the pinned LOTL signers (published in the Official Journal) to the signers of
/// the current LOTL through the pivot LOTLs it announces, as DSS does: the oldest pivot must verify
/// with the pinned set; each verified pivot's pointer to the LOTL itself (type EUlistofthelists)
/// names the signers the next one must verify with; the current LOTL must verify with the set the
/// newest pivot announced.
///
/// The current LOTL is read unverified only to learn where the pivots are; nothing it says is
/// trusted unless the chain ends in a signature over it. A pivot that is missing, unparsable or
/// not signed by the set trusted at that step breaks the chain: trust does not move past it.
enum PivotChain {
    struct Outcome {
        /// The signers the current LOTL must verify with; nil when the chain broke.
        let signers: [Certificate]?
        /// The pivots read, oldest first, each verified or not.
        let pivots: [LoadedList]
        let findings: [Finding]
    }

    static func follow(_ current: TrustedList, pinned: [Certificate], settings: TrustSettings, localFolder: String?) -> Outcome {
        var trusted = pinned
        var pivots: [LoadedList] = []
        var findings: [Finding] = []
        for location in current.pivotLocations {
            var fetchFindings: [Finding] = []
            guard let (bytes, origin) = TrustedListLoader.obtain(location, settings: settings, localFolder: localFolder,
                                                                 findings: &fetchFindings) else {
                findings += fetchFindings
                findings.append(broken(location, "it cannot be obtained"))
                return Outcome(signers: nil, pivots: pivots, findings: findings)
            }
            let pivot = LoadedList.read(bytes: bytes, location: location, origin: origin, allowed: trusted, at: settings.now)
            pivots.append(pivot)
            guard pivot.isUsable, let list = pivot.list, list.isListOfLists else {
                findings.append(broken(location, pivot.signature.problem.map { "its signature does not hold: \($0)" }
                    ?? "it is not a list of the lists"))
                return Outcome(signers: nil, pivots: pivots, findings: findings)
            }
            let announced = list.announcedListOfListsSigners
            guard !announced.isEmpty else {
                findings.append(broken(location, "it announces no LOTL signer"))
                return Outcome(signers: nil, pivots: pivots, findings: findings)
            }
            trusted = announced
            findings.append(.info("tsl.pivot", "verified; trust moves to the \(announced.count) LOTL signer(s) it announces (\(announced.map(\.subject).joined(separator: "; ")))",
                                  subject: location))
        }
        return Outcome(signers: trusted, pivots: pivots, findings: findings)
    }

    private static func broken(_ location: String, _ why: String) -> Finding {
        .error("tsl.pivot-broken", "the pivot chain breaks here, \(why): trust does not move to newer LOTL signers", subject: location)
    }
}
