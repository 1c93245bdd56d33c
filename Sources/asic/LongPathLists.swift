import ArgumentParser

/// `asic validate` with thousands of paths (a shell glob over an archive): ArgumentParser stores
/// each positional value by copying everything parsed so far, so its parse grows with the square
/// of the count (4 000 paths took 3.3 s, 16 000 took 41 s before any work began). Above a few
/// hundred paths the front end sets the paths aside itself and lets ArgumentParser parse only the
/// options; below that, and for every other command, ArgumentParser sees the arguments untouched.
enum LongPathLists {
    /// Fewer positional paths than this are left to ArgumentParser.
    static let threshold = 256

    /// `validate`'s long options that take a value (every other option is a flag; the only short
    /// names are the flags -q and -h). `LongPathListTests` compares this with the command's
    /// own description, so an option added to `validate` cannot be missed here.
    static let valueOptions: Set<String> = [
        "format", "output", "policy", "tsl", "tsl-cert", "cache-dir", "timeout", "trust-anchors", "at", "ocsp-url",
        "detached", "jobs", "summary-html", "shard", "max-entry-size", "max-total-size", "max-ratio", "max-entries",
        "max-xml-attributes", "max-xml-namespaces", "max-xml-namespaces-total",
    ]

    /// The arguments after `validate` cut into options (with their values) and paths, when
    /// there are at least `threshold` paths; nil otherwise.
    static func split(_ arguments: [String]) -> (options: [String], paths: [String])? {
        var options: [String] = [], paths: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                paths += arguments[index...]
                break
            }
            if argument.hasPrefix("--") {
                options.append(argument)
                // `--name value`: the value is the option's, never a path.
                if !argument.contains("="), valueOptions.contains(String(argument.dropFirst(2))), index < arguments.count {
                    options.append(arguments[index])
                    index += 1
                }
            } else if argument.hasPrefix("-"), argument != "-" {
                options.append(argument)
            } else {
                paths.append(argument)
            }
        }
        return paths.count >= threshold ? (options, paths) : nil
    }
}
