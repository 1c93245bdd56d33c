import Findings

/// HTML text helpers: every value that comes from a container (names, subjects, messages) is
/// untrusted and escaped.
enum HTML {
    static let escapes: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]

    static func escape(_ text: String) -> String {
        text.unicodeScalars.escaped(escapes) { scalar, out in
            // Control, bidirectional and zero-width characters can disguise names: show them as
            // visible text (a character reference would still apply them).
            switch scalar.value {
            case 0..<0x20 where scalar != "\n" && scalar != "\t", 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x202A...0x202E,
                 0x2060...0x2069, 0xFEFF:
                out += String(scalar).terminalSafe
            case 0xFFFE, 0xFFFF:
                // Not characters at all (XML 1.0 forbids them; the ETSI XML report uses this escaper too).
                out += scalar.value == 0xFFFE ? "\\uFFFE" : "\\uFFFF"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Anchor ids from free text.
    static func id(_ text: String) -> String {
        "c" + String(text.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }, radix: 36)
    }

    static let style = """
    :root{--ok:#1b7f3b;--bad:#b3261e;--warn:#8a5a00;--ink:#1d1d1f;--muted:#5f6368;--line:#d9dce1;--card:#fff;--bg:#f4f5f7}
    *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
    header.banner{display:flex;gap:16px;align-items:center;padding:20px 28px;color:#fff}
    header.ok{background:var(--ok)}header.bad{background:var(--bad)}header.unknown{background:var(--warn)}
    header h1{margin:0;font-size:24px}header p{margin:2px 0 0;opacity:.92}header.banner>div{min-width:0;overflow-wrap:anywhere}
    main{max-width:980px;margin:0 auto;padding:20px}
    .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:0 0 18px}
    .card h2{margin:0 0 8px;font-size:19px;overflow-wrap:anywhere}.card h2 .badge{margin-left:8px;vertical-align:3px}
    .wide{overflow-x:auto}td.key{white-space:nowrap;overflow-wrap:normal}ul.warnings{margin:4px 0;padding-left:18px}
    .badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
    .b-ok{background:var(--ok)}.b-bad{background:var(--bad)}.b-warn{background:var(--warn)}.b-info{background:var(--muted)}
    dl{display:grid;grid-template-columns:minmax(0,170px) minmax(0,1fr);gap:4px 14px;margin:10px 0}
    @media (max-width:600px){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:6px}main{padding:10px}}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
    .why{border-left:4px solid var(--line);padding:6px 12px;margin:10px 0;background:#fafafa}
    .why.bad{border-color:var(--bad)}.why.warn{border-color:var(--warn)}.why.ok{border-color:var(--ok)}
    ul.files{margin:0;padding-left:18px}
    table{width:100%;border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
    th,td.n{color:var(--muted);font-weight:600;white-space:nowrap;overflow-wrap:normal}td.n{font-weight:400}code{font-size:12px;background:#f0f1f3;padding:1px 4px;border-radius:4px}
    details{margin-top:10px}summary{cursor:pointer;color:var(--muted)}
    ol.chain{padding-left:20px}ol.chain li{margin:6px 0}.small{font-size:12px;color:var(--muted)}
    svg text{font:11px system-ui,sans-serif;fill:var(--ink)}
    footer{max-width:980px;margin:0 auto;padding:10px 20px 30px;color:var(--muted);font-size:12px}
    @media print{body{background:#fff}header.banner{color:#000;background:#fff!important;border-bottom:3px solid #000}
    .card{break-inside:avoid;border-color:#999}details{display:block}details>summary{display:none}details>*{display:block}
    .badge{color:#000;border:1px solid #000;background:#fff!important}a{color:#000;text-decoration:none}}
    """

    static func icon(_ kind: String) -> String {
        let path: String = switch kind {
        case "ok": "M9 16.2l-4.2-4.2-1.4 1.4L9 19 21 7l-1.4-1.4z"
        case "bad": "M19 6.4L17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"
        default: "M11 7h2v6h-2zm0 8h2v2h-2zm1-13C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2z"
        }
        return "<svg width=\"40\" height=\"40\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><path fill=\"#fff\" d=\"\(path)\"/></svg>"
    }
}
