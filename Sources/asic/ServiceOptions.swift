import ArgumentParser
import ASiC
import Findings
import PKI
import Signing
import Trust
import XAdES
#if canImport(Glibc)
import Glibc
#endif

struct ServiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Time-stamping authority URL (RFC 3161) for T, LT and LTA.", valueName: "url"))
    var tsa: String?

    @Option(help: ArgumentHelp("OCSP responder URL, or auto for the certificate's AIA (LT, LTA, LT-TM).", valueName: "url|auto"))
    var ocsp: String = "auto"

    @Option(name: .customLong("service-timeout"), help: ArgumentHelp("Seconds allowed for each TSA or OCSP request.", valueName: "seconds"))
    var serviceTimeout: Double = 20

    var services: TrustServices { TrustServices(tsa: tsa, ocsp: ocsp == "auto" ? nil : ocsp, timeout: serviceTimeout) }
}
