import Testing

@testable import VietSearchCore

struct ArticleLookupTests {
    @Test func theIdMapFindsWhatTheScanFindsAcrossSegmentsAndReplacements() throws {
        let scratch = Scratch()
        try scratch.writeSampleCorpus()
        try scratch.index()
        scratch.write("extra.txt", "Bài thêm\n\nNội dung thứ nhất.")
        try scratch.index()
        scratch.write("extra.txt", "Bài thêm, sửa lại\n\nNội dung thứ hai.")
        try scratch.index()
        let reader = try IndexReader(folder: scratch.indexFolder)
        let ids = ["extra.txt", "ben-tre-sinh-hoat-chi-bo.txt", "thu-duc-ket-luan-21.txt", "no-such-id"]
        for id in ids {
            #expect(try reader.lookUpArticle(id: id) == reader.article(id: id), "\(id)")
        }
        #expect(try reader.lookUpArticle(id: "extra.txt")?.title == "Bài thêm, sửa lại")
        #expect(try reader.lookUpArticle(id: "no-such-id") == nil)
    }
}
