import Findings
import Reports
import Validation

/// What the native API answers in, by the request's Accept header, and what it accepts as names.
enum ReportNegotiation {
    struct Choice {
        let report: ReportFormat
        let contentType: String
    }

    /// The first media type of `accept` we can produce (JSON for none or `*/*`); 406 when none.
    static func format(accept: String?) throws(ServiceError) -> Choice {
        guard let accept, !accept.isEmpty else { return json }
        for item in accept.split(separator: ",") {
            let type = item.split(separator: ";").first.map { $0.trimmingWhitespace.lowercased() } ?? ""
            switch type {
            case "application/json", "*/*", "application/*": return json
            case "text/html", "text/*": return Choice(report: .html, contentType: "text/html; charset=utf-8")
            case "application/xml", "text/xml": return Choice(report: .etsi, contentType: "application/xml; charset=utf-8")
            case "text/plain": return Choice(report: .text, contentType: "text/plain; charset=utf-8")
            default: continue
            }
        }
        throw ServiceError(.notAcceptable, key: "request.not-acceptable",
                           "reports come as application/json, text/html, application/xml (ETSI TS 119 102-2) or text/plain")
    }

    static let json = Choice(report: .json, contentType: "application/json")

    /// Our policy names and SiVa's.
    static func policy(named name: String) -> ValidationPolicy? {
        switch name {
        case "POLv4": .ee
        case "POLv3": .eeAnyLevel
        default: ValidationPolicy.builtIn[name]
        }
    }

    /// A client-supplied file name as shown in reports only: never a path that is opened.
    static func displayName(_ name: String) -> String {
        let cleaned = String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        let base = cleaned.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return base.isEmpty ? "upload" : String(base.prefix(255))
    }
}
