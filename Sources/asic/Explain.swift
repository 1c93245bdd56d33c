import ArgumentParser
import CommandLineSupport
import Reports

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say what a finding key, constraint key, sub-indication or verdict means.",
        discussion: """
        The text is the manual's (man asic, FINDINGS), with what to do for the usual sub-indications.

        Examples:
          asic explain TRY_LATER
          asic explain zip.not-zip
          asic explain BBB_XCV_IRDC
        """
    )

    @Argument(help: "A name as a report shows it (zip.not-zip, BBB_XCV_IRDC, TRY_LATER, PASSED).")
    var name: String

    func run() throws {
        guard let text = Explanation.explain(name) else {
            Console.error(name.terminalSafe, "not a finding key, constraint key, sub-indication or verdict this version knows (man asic lists them)")
            throw Exit.usage
        }
        Console.print(text + "\n")
    }
}
