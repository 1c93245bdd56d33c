import Foundation
import TestSupport

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
        let profile = NSTemporaryDirectory() + "asic-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let arguments = [path, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1400",
                             "--proxy-server=127.0.0.1:9", "--enable-logging=stderr", "--v=0", "--user-data-dir=\(profile)",
                             "--screenshot=\(png)", "file://\(page)"]
        let process = try Subprocess(arguments, stdout: .null)
        let data = process.readToEnd().stderr
        process.wait()
        var problems = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { $0.contains(":CONSOLE") || $0.contains("net::ERR") }.map(String.init)
        let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        if size < 10_000 { problems.append("\(png) was not rendered (\(size) bytes)") }
        return problems
    }

    /// The page's layout width and the window's at `width` pixels: a copy of the page (its
    /// Content-Security-Policy removed) sets its title to `W:scrollWidth/innerWidth`, read back
    /// from the DOM Chromium dumps.
    static func widths(_ page: String, at width: Int) throws -> (scroll: Int, window: Int)? {
        guard let path else { return nil }
        let folder = NSTemporaryDirectory() + "asic-width-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var html = try String(contentsOfFile: page, encoding: .utf8)
        if let csp = html.range(of: #"<meta http-equiv="Content-Security-Policy"[^>]*>"#, options: .regularExpression) {
            html.removeSubrange(csp)
        }
        html += "<script>document.title='W:'+document.documentElement.scrollWidth+'/'+window.innerWidth</script>"
        try html.write(toFile: folder + "/page.html", atomically: true, encoding: .utf8)
        let result = try Subprocess.run([path, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),900",
                                         "--proxy-server=127.0.0.1:9", "--user-data-dir=\(folder)/profile", "--dump-dom", "file://\(folder)/page.html"],
                                        stderr: .null)
        let dom = String(decoding: result.stdout, as: UTF8.self)
        guard let match = dom.range(of: #"W:\d+/\d+"#, options: .regularExpression) else { return nil }
        let numbers = dom[match].dropFirst(2).split(separator: "/").compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }
}
