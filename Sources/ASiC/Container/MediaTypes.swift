/// Media types by extension for new containers (the manifest's `media-type`).
public enum MediaTypes {
    public static let byExtension: [String: String] = [
        "pdf": "application/pdf", "txt": "text/plain", "xml": "application/xml", "html": "text/html", "htm": "text/html",
        "json": "application/json", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "doc": "application/msword", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "zip": "application/zip", "csv": "text/csv", "rtf": "application/rtf",
    ]

    /// The media type for a file name, `application/octet-stream` when the extension is unknown.
    public static func guess(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}

