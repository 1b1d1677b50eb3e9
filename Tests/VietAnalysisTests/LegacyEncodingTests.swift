import Testing
import VietAnalysis

struct LegacyEncodingTests {
    @Test func windows1258DecodesVietnamese() {
        // "Đà" in Windows-1258: Đ = 0xD0, a = 0x61, combining grave = 0xCC.
        #expect(
            LegacyEncoding.decode([0xD0, 0x61, 0xCC], charset: "windows-1258")?.unicodeScalars.map(\.value) == [
                0x110, 0x61, 0x300,
            ])
    }

    @Test func unknownCharsetIsNil() {
        #expect(LegacyEncoding.decode([0x61], charset: "no-such-charset") == nil)
    }
}
