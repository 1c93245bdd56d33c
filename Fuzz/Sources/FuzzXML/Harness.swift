import FuzzSupport
import XMLSecurity

/// Hardened XML parsing, then every canonicalization variant of the document and of its first
/// child element.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let document = try? XMLDocument.parse(bytes(data, size)), let root = document.root else { return 0 }
    let methods: [C14NMethod] = [.c14n10(comments: false), .c14n10(comments: true), .c14n11(comments: false),
                                 .c14n11(comments: true), .exclusive(comments: false, inclusivePrefixes: []),
                                 .exclusive(comments: true, inclusivePrefixes: ["ds", "xades"])]
    for method in methods {
        _ = try? root.canonicalized(method)
        if let child = root.children.first { _ = try? child.canonicalized(method, excluding: child.children.first) }
    }
    return 0
}

@_cdecl("FuzzXML_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
