import PKI

/// Times as each DigiDoc version writes them (SigningTime, OCSPRef ProducedAt).
enum DigiDocTime {
    /// 1.3: `yyyy-MM-ddTHH:mm:ssZ`; 1.1/1.2: `yyyy.MM.ddTHH:mm:ssZ` (UTC); SK-XML:
    /// `yyyy.MM.ddTHH:mm:ss-03:00` whose suffix the reference implementation ignores, reading the
    /// value in Estonian local time (SiVa's answers are that reading). Nil when unreadable.
    static func parse(_ raw: String, format: DigiDocFormat) -> Int64? {
        let text = raw.trimmingWhitespace
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        let dateSeparator: UInt8 = format.is13 ? 0x2D : 0x2E
        guard bytes[4] == dateSeparator, bytes[7] == dateSeparator, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A else { return nil }
        let local = String(decoding: bytes[0..<19], as: UTF8.self)
        let iso = local.replacing(".", with: "-")
        if format.isSKXML {
            return tallinn(iso)
        }
        guard bytes.count == 20, bytes[19] == 0x5A else { return nil }
        return ISOTime.parse(iso + "Z")
    }

    /// A wall-clock time in Europe/Tallinn (EET/EEST) as seconds since 1970, read as the
    /// reference's date formatter read it: every field two or four ASCII digits, no second 60
    /// (which `ISOTime` alone would take), an hour the clock skipped unreadable. A year before
    /// 1900 is unreadable too: the formatter counted such dates in the Julian calendar, and no
    /// SK-XML file (a format of 2002) holds one honestly.
    private static func tallinn(_ iso: String) -> Int64? {
        let bytes = Array(iso.utf8)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        guard bytes.count == 19, digits.allSatisfy({ (0x30...0x39).contains(bytes[$0]) }),
              bytes[0...3].lexicographicallyPrecedes(Array("1900".utf8)) == false, bytes[17] < UInt8(ascii: "6"),
              let wall = ISOTime.parse(iso + "Z") else { return nil }
        return TallinnTime.utc(fromWallClock: wall)
    }
}
