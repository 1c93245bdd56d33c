import PKI

/// Europe/Tallinn wall-clock time (EET/EEST), without Foundation's time-zone database (ICU), which
/// the command line does not link. Before 2002 the offsets are the tz database's transitions
/// (Estonia kept no summer time in 2000 and 2001); from 2002 Estonia follows the EU
/// rule: summer time (UTC+3) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
/// last Sunday of October, UTC+2 otherwise. `TallinnTimeTests` compares every transition with
/// Foundation's reading.
enum TallinnTime {
    /// (UTC second from which it applies, offset in seconds east of UTC), before 2002.
    static let transitions: [(Int64, Int64)] = [
        (-2840146740, 5940), (-1638322740, 3600), (-1632006000, 7200), (-1618700400, 3600),
        (-1593824400, 5940), (-1535938740, 7200), (-927943200, 10800), (-892954800, 7200),
        (-857257200, 3600), (-844556400, 7200), (-828226800, 3600), (-812502000, 7200),
        (-797652000, 10800), (354920400, 14400), (370728000, 10800), (386456400, 14400),
        (402264000, 10800), (417992400, 14400), (433800000, 10800), (449614800, 14400),
        (465346800, 10800), (481071600, 14400), (496796400, 10800), (512521200, 14400),
        (528246000, 10800), (543970800, 14400), (559695600, 10800), (575420400, 14400),
        (591145200, 10800), (606870000, 10800), (622598400, 7200), (638323200, 10800),
        (654652800, 7200), (670377600, 10800), (686102400, 7200), (701827200, 10800),
        (717552000, 7200), (733276800, 10800), (749001600, 7200), (764726400, 10800),
        (780451200, 7200), (796176000, 10800), (811900800, 7200), (828230400, 10800),
        (846374400, 7200), (859680000, 10800), (877824000, 7200), (891129600, 10800),
        (909277200, 7200), (922582800, 10800), (941331600, 7200),
    ]
    /// The offset before the first transition (local mean time, +1:39).
    private static let initialOffset: Int64 = 5940
    /// 2002-01-01T00:00:00Z: from here the EU rule applies.
    private static let ruleStart: Int64 = 1_009_843_200

    /// The offset east of UTC at the instant `utc`.
    static func offset(at utc: Int64) -> Int64 {
        if utc >= ruleStart {
            let year = yearOf(utc)
            return (summerStart(year)..<summerEnd(year)).contains(utc) ? 10_800 : 7_200
        }
        var result = initialOffset
        for (from, offset) in transitions {
            guard utc >= from else { break }
            result = offset
        }
        return result
    }

    /// The instant a wall-clock reading in Tallinn (given as if it were UTC) names: the later one
    /// when the clock went back and the hour repeats, nil when the clock skipped it (the reading
    /// of Foundation's DateFormatter, which this replaces).
    static func utc(fromWallClock wall: Int64) -> Int64? {
        var found: Int64?
        for candidate in candidateOffsets {
            let utc = wall - candidate
            if offset(at: utc) == candidate, utc > (found ?? .min) { found = utc }
        }
        return found
    }

    private static let candidateOffsets: [Int64] = Array(Set([initialOffset, 7_200, 10_800] + transitions.map(\.1))).sorted()

    /// 01:00 UTC on the last Sunday of March (`month` 3) or October (10) of `year`.
    private static func lastSunday(_ year: Int64, month: Int64) -> Int64 {
        let day = ISOTime.days(year: year, month: month, day: 31)
        let weekday = ((day + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday; 0 is Sunday
        return (day - weekday) * 86_400 + 3_600
    }

    static func summerStart(_ year: Int64) -> Int64 { lastSunday(year, month: 3) }
    static func summerEnd(_ year: Int64) -> Int64 { lastSunday(year, month: 10) }

    private static func yearOf(_ utc: Int64) -> Int64 {
        var year = 1970 + utc / 31_556_952
        while ISOTime.days(year: year, month: 1, day: 1) * 86_400 > utc { year -= 1 }
        while ISOTime.days(year: year + 1, month: 1, day: 1) * 86_400 <= utc { year += 1 }
        return year
    }
}
