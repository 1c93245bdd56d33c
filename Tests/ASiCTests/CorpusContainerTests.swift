@testable import ASiC
import Findings
import Foundation
import TestSupport
import Testing

/// Every shared-corpus row expected `reject` must be refused; every other one must open and show
/// its signature files. Where the peers themselves disagree on a container (libdigidocpp refuses
/// what SiVa/DSS accept with a warning), we follow SiVa/DSS and list the row here with the
/// reason: the list is exact, so the test fails if a deviation appears or disappears.
@Suite("Shared corpus: containers", .enabled(if: SharedCorpus.load() != nil, "../shared/vectors is absent"))
struct CorpusContainerTests {
    /// Rows expected `reject` that we open, with why.
    static let openedDespiteReject: [String: String] = [
        "containers/digidoc4j/missing_mimetype_file.asice":
            "no mimetype in an .asice: SiVa's DSS path accepts with a warning (alt=warning, as AsiceContainerNoMimetype.asice, which the corpus expects to pass); we warn (asic.mimetype.missing)",
        "containers/libdigidocpp/derived-m01-mimetype-not-first.asice":
            "mimetype not first: SiVa passes with a warning (alt=warning); DSS opens dss/onefile-ok.asice, whose mimetype is last; we warn (asic.mimetype.not-first)",
        "containers/libdigidocpp/derived-m03-mimetype-wrong.asice":
            "wrong mimetype value: SiVa warns (alt=warning, as AsiceInvalidMimetypeAsText.asice, expected to pass); the manifest identifies ASiC-E; we warn (asic.mimetype.wrong)",
        "containers/libdigidocpp/derived-m07-extra-file-not-in-manifest.asice":
            "file not in manifest: SiVa validates and fails the signature (alt=invalid); DSS opens dss/onefile-too-much-files.asice alike; we report an error (asic.manifest.file-not-listed) and leave the verdict to validation",
        "containers/libdigidocpp/derived-m08-manifest-lists-missing-file.asice":
            "manifest names a missing file: digidoc4j validates (alt=invalid), as the corpus does for KS-21 and 2f_2signed_1f_deleted; we report an error (asic.manifest.file-missing)",
        "containers/digidoc4j/multiple_EncapsulatedTimeStamp_in_single_SignatureTimeStamp.asice":
            "the defect is inside the XAdES signature (two EncapsulatedTimeStamp in one SignatureTimeStamp): the XAdES schema checks belong to the signature layer, not the container reader",
    ]

    @Test func rejectsAreRefusedAndTheRestOpen() throws {
        let corpus = try #require(SharedCorpus.load())
        var refused = 0, opened = 0, deviations: [String] = [], failures: [String] = []
        let started = Date()
        for row in corpus.rows {
            let result: Result<Container, InputError>
            do { result = .success(try Container.open(path: corpus.path(row))) } catch let error as InputError {
                result = .failure(error)
            } catch {
                failures.append("\(row.path): unexpected error type \(error)")
                continue
            }
            switch (row.expect, result) {
            case ("reject", .failure):
                refused += 1
            case ("reject", .success):
                if Self.openedDespiteReject[row.path] != nil { deviations.append(row.path) } else {
                    failures.append("\(row.path): expected to be refused, but opened")
                }
            case let (_, .failure(error)):
                failures.append("\(row.path): expected to open, refused: \(error.key) \(error.message)")
            case let (_, .success(container)):
                opened += 1
                let shown = container.signatureFiles.count + container.unsignedMetaFiles.filter { $0.name.hasSuffix(".tst") }.count
                if row.expect != "no-signature" && shown == 0 {
                    failures.append("\(row.path): opened but shows no signature or timestamp file")
                }
                if row.expect == "no-signature" && container.signatureCount != 0 {
                    failures.append("\(row.path): expected no signature, found \(container.signatureCount)")
                }
                // Streaming every entry must not crash either; CRC failures are findings, not errors.
                _ = container.checkEntries()
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        print("corpus containers: \(corpus.rows.count) rows, \(refused) refused as expected, \(opened) opened, \(deviations.count) documented deviations, \(failures.count) failures, \(String(format: "%.3f", elapsed)) s")
        #expect(failures == [])
        #expect(Set(deviations) == Set(Self.openedDespiteReject.keys))
    }
}
