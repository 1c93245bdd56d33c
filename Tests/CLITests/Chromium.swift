import Foundation

/// Debian's headless Chromium as a real renderer for the HTML reports.
enum Chromium {
    static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Nothing in the page may point outside it.
    static func externalReferences(_ html: String) -> [String] {
        ["src=\"http", "href=\"http", "src='http", "href='http", "url(http", "<script", "<link", "@import"].filter { html.contains($0) }
    }

    /// Renders `page` to `png` behind a dead proxy (any external request fails and is logged)
    /// with console logging on; returns the console and network complaints, and a note when
    /// nothing was drawn.
    static func render(_ page: String, to png: String) throws -> [String] {
        guard let path else { return ["chromium is not installed"] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        let profile = NSTemporaryDirectory() + "asic-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1400",
                             "--proxy-server=127.0.0.1:9", "--enable-logging=stderr", "--v=0", "--user-data-dir=\(profile)",
                             "--screenshot=\(png)", "file://\(page)"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var problems = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { $0.contains(":CONSOLE") || $0.contains("net::ERR") }.map(String.init)
        let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        if size < 10_000 { problems.append("\(png) was not rendered (\(size) bytes)") }
        return problems
    }
}
