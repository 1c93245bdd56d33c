import Foundation
import TestSupport
import Testing

/// kubernetes-validate (PyPI), which checks manifests against the Kubernetes OpenAPI schemas it
/// bundles (offline): the one `make test-deps` installs into .build/pytools, else one on PATH;
/// nil when there is none or it does not run (a pyenv shim of another version).
enum KubernetesValidate {
    /// The Kubernetes version the manifests are checked against.
    static let kubernetesVersion = "1.30.0"

    static let path: String? = {
        let search = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let folders = [OwnVectors.root + "/../.build/pytools/bin"] + search.split(separator: ":").map(String.init)
        guard let found = folders.map({ "\($0)/kubernetes-validate" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        return (try? Subprocess.run([found, "--version"], stderr: .null))?.status == 0 ? found : nil
    }()

    /// Strict validation (unknown fields rejected) of `files`: the exit status and everything printed.
    static func run(_ files: [String]) throws -> (status: Int32, output: String) {
        guard let path else { throw NotInstalled() }
        let result = try Subprocess.run([path, "--strict", "--no-warn", "--kubernetes-version", kubernetesVersion] + files, stderr: .stdout)
        return (result.status, String(decoding: result.stdout, as: UTF8.self))
    }

    struct NotInstalled: Error {}
}

/// deploy/: every Kubernetes manifest passes kubernetes-validate --strict, a broken one does not
/// (so the check can fail), and the Containerfile's final stage runs as a numeric non-root user,
/// the one the manifests' securityContexts name.
@Suite("Deployment manifests")
struct DeployManifestTests {
    static let root = URL(fileURLWithPath: OwnVectors.root).deletingLastPathComponent().path
    static let manifestFolder = root + "/deploy/kubernetes"

    static func manifests() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: manifestFolder).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { manifestFolder + "/" + $0 }
    }

    @Test(.enabled(if: KubernetesValidate.path != nil, "kubernetes-validate is not installed (pip install kubernetes-validate)"))
    func everyManifestPassesStrictSchemaValidation() throws {
        let files = try Self.manifests()
        let names = Set(files.map { URL(fileURLWithPath: $0).lastPathComponent })
        for expected in ["deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml", "pvc.yaml", "trust-refresh-cronjob.yaml", "shard-job.yaml"] {
            #expect(names.contains(expected), "deploy/kubernetes/\(expected) is missing")
        }
        let result = try KubernetesValidate.run(files)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("ERROR"), "\(result.output)")
        for file in files {
            #expect(result.output.contains("\(file) passed"), "\(file) was not validated: \(result.output)")
        }
    }

    /// A wrong type and, through --strict, an unknown field are both rejected.
    @Test(.enabled(if: KubernetesValidate.path != nil, "kubernetes-validate is not installed (pip install kubernetes-validate)"))
    func aBrokenManifestIsRejected() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: REPLICAS
              selector:
                matchLabels: {app: broken}
              template:
                metadata:
                  labels: {app: broken}
                spec:
                  containers:
                    - name: broken
                      image: example.invalid/broken:1

            """
        let cases = ["wrong-type.yaml": deployment.replacingOccurrences(of: "REPLICAS", with: "\"two\""),
                     "unknown-field.yaml": deployment.replacingOccurrences(of: "REPLICAS", with: "2\n  replica: 2")]
        for (name, text) in cases.sorted(by: { $0.key < $1.key }) {
            try write(text, to: dir + "/" + name)
            let result = try KubernetesValidate.run([dir + "/" + name])
            #expect(result.status != 0, "\(name) was accepted: \(result.output)")
            #expect(result.output.contains("did not validate"), "\(name): \(result.output)")
        }
        // The same document with a valid replicas passes: the rejections above are about the fault only.
        try write(deployment.replacingOccurrences(of: "REPLICAS", with: "2"), to: dir + "/valid.yaml")
        let valid = try KubernetesValidate.run([dir + "/valid.yaml"])
        #expect(valid.status == 0, "\(valid.output)")
    }

    @Test func theContainerRunsAsANumericNonRootUser() throws {
        let text = try String(contentsOfFile: Self.root + "/deploy/Containerfile", encoding: .utf8)
        let instructions = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") }
        // Only the final stage (after the last FROM) is the image that runs.
        let froms = instructions.indices.filter { instructions[$0].uppercased().hasPrefix("FROM ") }
        let lastFrom = try #require(froms.last, "no FROM in the Containerfile")
        // The user of each USER line of the final stage, as uid (nil: a name, or root).
        let uids: [Int?] = instructions[lastFrom...].filter { $0.uppercased().hasPrefix("USER ") }.map { line in
            let user = line.dropFirst(5).trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
            return Int(user).flatMap { $0 > 0 ? $0 : nil }
        }
        let firstNonRoot = uids.firstIndex { $0 != nil }
        let first = try #require(firstNonRoot, "no USER with a numeric non-root uid in the final stage")
        let later = Array(uids[first...])
        let laterAllNonRoot = later.allSatisfy { $0 != nil }
        #expect(laterAllNonRoot, "a USER after the non-root one is root or not numeric")
        let lastUID = later.last ?? nil
        let uid = try #require(lastUID)
        let entrypoint = instructions.contains("ENTRYPOINT [\"asic\"]")
        #expect(entrypoint, "the Containerfile's ENTRYPOINT is not [\"asic\"]")
        // The pods run as that same uid.
        for file in try Self.manifests() {
            let manifest = try String(contentsOfFile: file, encoding: .utf8)
            for line in manifest.split(separator: "\n") where line.contains("runAsUser:") {
                #expect(line.hasSuffix("runAsUser: \(uid)"), "\(file): \(line) is not the Containerfile's uid \(uid)")
            }
        }
    }
}
