import Findings
import Foundation
import PKI
import TestSupport
import Testing
import Trust

/// The LOTL's pivot mechanism with our own test PKI (`TestVectors/generate.py pivots`): the pinned
/// signer signs eu-lotl-pivot-1, which announces signer 2; signer 2 signs eu-lotl-pivot-2, which
/// announces signer 3; signer 3 signs the current LOTL (two key rollovers). Trust must move only
/// along that chain, one verified step at a time.
@Suite("Pivot LOTLs")
struct PivotChainTests {
    static let tsl = OwnVectors.root + "/pki/tsl"
    let now: Int64 = 1_790_000_000

    func load(_ lotl: String, pinned: [String] = ["tslsigner"]) throws -> TrustedListSet {
        TrustedListLoader.load(TrustSettings(listOfLists: lotl, listOfListsSigners: try pinned.map(OwnVectors.certificate),
                                             cache: TrustedListCache(directory: try scratchFolder() + "/cache"), offline: true, now: now))
    }

    /// A copy of `pivot/` (or another folder) in a scratch folder, with `drop` left out.
    func copy(_ folder: String, dropping drop: String? = nil) throws -> String {
        let out = try scratchFolder() + "/" + folder
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.tsl + "/" + folder) where name != drop {
            try FileManager.default.copyItem(atPath: Self.tsl + "/" + folder + "/" + name, toPath: out + "/" + name)
        }
        return out + "/lotl.xml"
    }

    @Test func trustMovesAlongTheChainToTheCurrentSigners() throws {
        let set = try load(Self.tsl + "/pivot/lotl.xml")
        #expect(set.listOfLists.isUsable, "\(set.findings.map(\.message))")
        #expect(set.listOfLists.signature.signer?.subject.contains("LOTL Signer 3") == true)
        #expect(set.pivots.map(\.isUsable) == [true, true])
        #expect(set.pivots.map { $0.location.hasSuffix("eu-lotl-pivot-1.xml") } == [true, false], "oldest first")
        #expect(set.lists.count == 1 && set.lists.allSatisfy(\.isUsable))
        #expect(!set.services.isEmpty)
        #expect(set.findings.filter { $0.key == "tsl.pivot" }.count == 2)
        #expect(!set.findings.contains { $0.level == .error })
    }

    @Test func aPivotSignedByAStrangerStopsTrust() throws {
        let set = try load(Self.tsl + "/pivot-broken/lotl.xml")
        #expect(!set.listOfLists.isUsable)
        #expect(set.services.isEmpty)
        #expect(set.pivots.map(\.isUsable) == [true, false])
        #expect(set.findings.contains { $0.key == "tsl.pivot-broken" && $0.subject?.hasSuffix("eu-lotl-pivot-2.xml") == true })
    }

    /// The oldest pivot must verify with the pinned set: a set that signs none of them moves nowhere.
    @Test func theFirstPivotMustBeSignedByAPinnedSigner() throws {
        let set = try load(Self.tsl + "/pivot/lotl.xml", pinned: ["tslsigner-stranger"])
        #expect(!set.listOfLists.isUsable)
        #expect(set.services.isEmpty)
        #expect(set.pivots.map(\.isUsable) == [false])
    }

    /// A missing step cannot be skipped: without pivot 1, pivot 2 is not trusted.
    @Test func aMissingPivotBreaksTheChain() throws {
        let set = try load(try copy("pivot", dropping: "eu-lotl-pivot-1.xml"))
        #expect(!set.listOfLists.isUsable)
        #expect(set.pivots.isEmpty)
        #expect(set.findings.contains { $0.key == "tsl.pivot-broken" && $0.message.contains("cannot be obtained") })
    }

    /// The current signers pinned directly need no pivots; pinning the old signer only does not make
    /// a LOTL without pivot URIs trusted.
    @Test func pinnedCurrentSignersNeedNoPivots() throws {
        let direct = try load(Self.tsl + "/pivot/lotl.xml", pinned: ["tslsigner-3"])
        #expect(direct.listOfLists.isUsable && direct.pivots.isEmpty)
        let pivotAsCurrent = try load(Self.tsl + "/pivot/eu-lotl-pivot-2.xml", pinned: ["tslsigner"])
        #expect(!pivotAsCurrent.listOfLists.isUsable, "a pivot without pivot URIs of its own is not trusted through others")
    }
}
