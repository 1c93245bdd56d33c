@testable import DDOC
import Foundation
import PKI
import Testing

/// SK-XML signing times are Tallinn wall-clock readings. They were read with Foundation's
/// DateFormatter (ICU's time-zone data); the command line now reads them without Foundation, and
/// must give the same instant, or none, for every reading: around every transition of either
/// side from 1880 to 2040 (the repeated hour, the skipped hour, a second either side of each
/// edge) and at random readings.
@Suite("Tallinn wall-clock time")
struct TallinnTimeTests {
    static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Tallinn")!
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter
    }()

    /// Foundation's instant for a wall-clock reading (seconds since 1970, as if UTC).
    static func foundation(_ wall: Int64) -> Int64? {
        formatter.date(from: ISOTime.format(wall).replacing("Z", with: "")).map { Int64($0.timeIntervalSince1970) }
    }

    /// Every transition instant, from Foundation and from our own table and rule.
    static func transitions() -> [Int64] {
        var instants = Set(TallinnTime.transitions.map(\.0))
        for year in Int64(2002)...2040 {
            instants.insert(TallinnTime.summerStart(year))
            instants.insert(TallinnTime.summerEnd(year))
        }
        let zone = TimeZone(identifier: "Europe/Tallinn")!
        var date = Date(timeIntervalSince1970: -2_840_140_800 - 86_400 * 400)
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next.timeIntervalSince1970 < 2_240_611_200 {
            instants.insert(Int64(next.timeIntervalSince1970))
            date = next
        }
        return instants.sorted()
    }

    @Test func everyReadingAroundEveryTransitionIsFoundations() {
        let instants = Self.transitions()
        #expect(instants.count > 120)
        var compared = 0
        for instant in instants {
            // Wall-clock readings near the instant under any of the zone's offsets.
            for offset in [Int64(5_940), 3_600, 7_200, 10_800, 14_400] {
                let edge = instant + offset
                for wall in stride(from: edge - 3 * 3_600, through: edge + 3 * 3_600, by: 900) + [edge - 1, edge, edge + 1] {
                    #expect(TallinnTime.utc(fromWallClock: wall) == Self.foundation(wall), "\(ISOTime.format(wall)) local")
                    compared += 1
                }
            }
        }
        #expect(compared > 15_000)
    }

    @Test func randomReadingsAreFoundations() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let wall = Int64.random(in: -2_900_000_000...2_240_000_000, using: &generator)
            #expect(TallinnTime.utc(fromWallClock: wall) == Self.foundation(wall), "\(ISOTime.format(wall)) local")
        }
    }

    /// SK-XML times as the DDOC reader gets them (`yyyy.MM.ddTHH:mm:ss` and an ignored suffix),
    /// read as Foundation's formatter read them, odd fields included; a field with a space in it,
    /// which the formatter took as a short number, and a year before 1900 are not read at all.
    @Test func skXMLTextIsReadAsTheFormatterReadIt() {
        let format = DigiDocFormat(family: .skXML, version: "1.0")
        for local in ["2003-02-28T10:00:00", "2003-02-29T10:00:00", "2004-02-29T10:00:00", "2003-04-31T10:00:00", "2003-04-30T24:00:00",
                      "2003-04-30T10:00:60", "2003-04-30T23:59:60", "2003-04-30T23:59:59", "2003-13-01T10:00:00", "2003-00-01T10:00:00",
                      "2003-01-00T10:00:00", "2003-01-01T10:60:00", "0000-01-01T10:00:00", "1900-01-01T00:00:00", "2003-01-01T1a:00:00",
                      "2002-03-31T03:30:00", "2002-10-27T03:30:00", "9999-12-31T23:59:59"] {
            let raw = local.replacing("-", with: ".") + "-03:00"
            let expected = Self.formatter.date(from: local).map { Int64($0.timeIntervalSince1970) }
            #expect(DigiDocTime.parse(raw, format: format) == expected, "\(raw)")
        }
        // Before 1900 (the formatter's Julian dates before 1582): unreadable.
        #expect(DigiDocTime.parse("0001.01.01T10:00:00-03:00", format: format) == nil)
        #expect(DigiDocTime.parse("1899.12.31T23:59:59-03:00", format: format) == nil)
        #expect(Self.formatter.date(from: "2003-01-01T10:00:0 ") != nil)
        #expect(DigiDocTime.parse("2003.01.01T10:00:0 -03:00", format: format) == nil)
        #expect(DigiDocTime.parse("2003.01.01T1 :00:00-03:00", format: format) == nil)
    }

    @Test func knownReadings() {
        // 2002-10-27 03:30 happened twice: the later (EET) instant. 2002-03-31 03:30 never happened.
        #expect(TallinnTime.utc(fromWallClock: ISOTime.parse("2002-10-27T03:30:00Z")!) == ISOTime.parse("2002-10-27T01:30:00Z"))
        #expect(TallinnTime.utc(fromWallClock: ISOTime.parse("2002-03-31T03:30:00Z")!) == nil)
        // 2000 and 2001 kept no summer time.
        #expect(TallinnTime.utc(fromWallClock: ISOTime.parse("2001-07-01T12:00:00Z")!) == ISOTime.parse("2001-07-01T10:00:00Z"))
        #expect(TallinnTime.utc(fromWallClock: ISOTime.parse("2004-07-01T12:00:00Z")!) == ISOTime.parse("2004-07-01T09:00:00Z"))
    }
}
