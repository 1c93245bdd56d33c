import Foundation
import TestSupport
import Testing

/// `asic validate` with thousands of paths (a shell glob over an archive) parses in linear time
/// and means exactly what it means with a few (see Sources/asic/LongPathLists.swift).
@Suite("Long path lists")
struct LongPathListTests {
    /// The front end's list of value-taking options is validate's own: an option it missed would
    /// have its value taken for a path.
    @Test func theValueOptionsAreValidatesOwn() throws {
        let dump = try CLI.run(["validate", "--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var options = Set<String>(), shortOptions = Set<String>()
        for argument in arguments where argument["kind"] as? String == "option" {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                if name["kind"] as? String == "long" { options.insert(name["name"] as? String ?? "") } else { shortOptions.insert(name["name"] as? String ?? "") }
            }
        }
        #expect(options.count > 15)
        #expect(shortOptions.isEmpty, "a short option taking a value: \(shortOptions)")
        let source = try String(contentsOfFile: URL(fileURLWithPath: OwnVectors.root).deletingLastPathComponent().path
                                + "/Sources/asic/LongPathLists.swift", encoding: .utf8)
        let listed = Set(source.matches(of: /"([a-z-]+)"/).map { String($0.1) })
        #expect(options.subtracting(listed).isEmpty, "not in LongPathLists.valueOptions: \(options.subtracting(listed).sorted())")
    }

    /// 400 paths, with options before, between and after them, `-` and `--`: every path is
    /// validated once, in order, and every option applies.
    @Test func optionsAnywhereAndEveryPathOnce() throws {
        let dir = try scratchFolder()
        let sample = OwnVectors.root + "/sample/sample.asice"
        var paths: [String] = []
        for index in 0..<400 {
            let path = dir + "/copy-\(index).asice"
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: sample)
            paths.append(path)
        }
        let trust = OwnVectors.arguments(cache: dir + "/cache")
        let arguments = ["validate", "--format", "json"] + Array(paths[0..<150]) + trust + ["--jobs", "2"]
            + Array(paths[150..<399]) + ["--output", dir + "/out.jsonl", "--", paths[399]]
        let run = try CLI.run(arguments)
        #expect(run.status == 0, "\(run.stderr.suffix(1000))")
        let lines = try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 400)
        let files = lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["file"] as? String
        }
        #expect(files == paths, "the paths validated are not the paths given, in order")
        // An option's value is never taken for a path, and a bad one is still a usage error.
        let bad = try CLI.run(["validate"] + paths + ["--jobs", "many"])
        #expect(bad.status == 64, "\(bad.stderr.prefix(500))")
        let few = try CLI.run(["validate", paths[0], "--jobs", "many"])
        #expect(bad.stderr == few.stderr, "a usage error reads differently with many paths: \(bad.stderr) / \(few.stderr)")
    }

    /// ArgumentParser's own parse of a positional list grows with its square (16 000 paths took
    /// 41 s); the split parse takes milliseconds.
    @Test func twentyThousandPathsParseAtOnce() throws {
        let paths = (0..<20_000).map { "/nonexistent/asic-long-list/\($0).asice" }
        let started = ContinuousClock.now
        let run = try CLI.run(["validate", "--offline", "--quiet"] + paths)
        let elapsed = ContinuousClock.now - started
        #expect(run.status == 3, "missing files are not processable: \(run.stderr.prefix(300))")
        #expect(run.stderr.split(separator: "\n").count == 20_000)
        #expect(elapsed < .seconds(20), "20 000 paths took \(elapsed)")
    }

    /// 400 folders none of which holds a container: one bounded error line naming a few of them.
    @Test func noContainerAmongManyIsOneShortLine() throws {
        let dir = try scratchFolder()
        let paths = try (0..<400).map { index -> String in
            let path = dir + "/empty-\(index)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            return path
        }
        let run = try CLI.run(["validate", "--quiet"] + OwnVectors.arguments(cache: dir + "/cache") + paths)
        #expect(run.status == 3, "\(run.stderr.prefix(300))")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && run.stderr.count < 600, "\(run.stderr.count) bytes of errors: \(run.stderr.prefix(300))")
        #expect(run.stderr.contains("and 397 more"))
    }
}
