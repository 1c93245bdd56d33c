import Batch
import Testing

@Suite("Shards of a batch")
struct ShardTests {
    @Test func parsesIOfN() throws {
        #expect(try Shard(parsing: "0/1") == Shard(index: 0, count: 1))
        #expect(try Shard(parsing: "3/4") == Shard(index: 3, count: 4))
        #expect(try Shard(parsing: "12/100").description == "12/100")
    }

    @Test(arguments: ["4/4", "5/4", "0/0", "1/0", "-1/4", "1/-4", "a/4", "1/b", "1", "1/2/3", "/4", "1/", "", " 1/4", "+1/4", "1/4 ",
                      "99999999999999999999/4"])
    func refusesBadSyntaxOrBounds(_ text: String) {
        #expect(throws: Shard.SyntaxError.self) { try Shard(parsing: text) }
    }

    @Test func saysWhatIsWrong() {
        func message(_ text: String) -> String {
            do { _ = try Shard(parsing: text); return "" } catch { return error.description }
        }
        #expect(message("4/4") == "the shards of 4 are numbered 0 to 3")
        #expect(message("1/1") == "the only shard of 1 is 0/1")
        #expect(message("0/0") == "the number of shards must be at least 1")
        #expect(message("x") == "not I/N: two whole numbers, such as 0/4 for the first of 4 shards")
    }

    /// Hard-coded: a change of hash would move files between shards of runs already under way.
    @Test func hashIsFNV1aOfTheUTF8Bytes() {
        #expect(Shard.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Shard.hash("archive/2024/contract.asice") == 0xd0d8_81d1_59b6_b5e8)
        #expect(Shard.hash("kõik/allkiri.bdoc") == 0x5220_020b_6f62_8aa3)
    }

    @Test func aFixedPathFallsInAFixedShard() throws {
        let four = (0..<4).map { Shard(index: $0, count: 4)! }
        #expect(four.filter { $0.contains("archive/2024/contract.asice") } == [four[0]])
        #expect(four.filter { $0.contains("/data/ddoc/vana.ddoc") } == [four[2]])
        #expect(four.filter { $0.contains("kõik/allkiri.bdoc") } == [four[3]])
        #expect(try Shard(parsing: "3/7").contains("/data/ddoc/vana.ddoc"))
    }

    @Test(arguments: [1, 2, 3, 4, 16])
    func everyPathFallsInExactlyOneShard(_ count: Int) {
        let shards = (0..<count).map { Shard(index: $0, count: count)! }
        var sizes = [Int](repeating: 0, count: count)
        for n in 0..<2000 {
            let path = "archive/\(n % 37)/container-\(n).asice"
            let holders = shards.indices.filter { shards[$0].contains(path) }
            #expect(holders.count == 1, "\(path) is in shards \(holders)")
            holders.forEach { sizes[$0] += 1 }
        }
        // Spread evenly enough that no machine of N idles: each gets at least half its fair share.
        #expect(sizes.allSatisfy { $0 >= 2000 / count / 2 }, "\(sizes)")
    }
}
