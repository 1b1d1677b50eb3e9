import Testing
import VietAnalysis

struct VietnameseEncodingTests {
    /// The 134 precomposed letters of Vietnamese: each vowel with each of its marks and
    /// tones, and đ, in both cases (the plain ASCII vowels left out).
    static let letters: [String] = {
        var lower: [String] = []
        let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        for vowel in vowels {
            for tone in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                let letter = String((vowel + tone).precomposedStringWithCanonicalMappingFallback)
                if !(tone.isEmpty && vowel.unicodeScalars.first!.isASCII) { lower.append(letter) }
            }
        }
        lower.append("đ")
        return lower + lower.map { $0.uppercased() }
    }()

    @Test func thereAre134Letters() {
        #expect(Self.letters.count == 134)
        #expect(Set(Self.letters).count == 134)
        #expect(Self.letters.allSatisfy { $0.unicodeScalars.count == 1 })
    }

    /// Every letter survives a round trip through each table: encoded with the table's
    /// inverse, then decoded.
    @Test(arguments: VietnameseEncoding.allCases)
    func everyLetterRoundTrips(_ encoding: VietnameseEncoding) throws {
        for letter in Self.letters {
            let bytes = try #require(encoding.encode(letter), "\(encoding) has no \(letter)")
            #expect(encoding.decode(bytes) == letter, "\(encoding): \(letter) → \(bytes)")
        }
        let text = "Người Việt Nam - Đà Nẵng, Thừa Thiên Huế: QUYẾT ĐỊNH số 1880/QĐ-TTg ngày 5 tháng 7."
        let bytes = try #require(encoding.encode(text))
        #expect(encoding.decode(bytes) == text)
    }

    /// Bytes as the published tables write them: the classic sights of mojibake.
    @Test func knownBytesDecode() {
        // VNI: "Vieät Nam", "Haø Noäi", "ngöôøi", "Ñaûng" read as Windows-1252.
        #expect(
            VNIWindows.decode(Array("Vieät Nam, Haø Noäi, ngöôøi, Ñaûng".unicodeScalars.map { UInt8($0.value) }))
                == "Việt Nam, Hà Nội, người, Đảng")
        // TCVN3: ệ = D6, à = B5, ộ = E9, ® = AE (đ).
        #expect(
            VietnameseEncoding.tcvn3.decode([
                0x56, 0x69, 0xD6, 0x74, 0x20, 0x48, 0xB5, 0x20, 0x4E, 0xE9, 0x69, 0x20, 0xAE,
            ]) == "Việt Hà Nội đ")
        // VISCII (RFC 1456): ệ = D7... checked through the C library's table both ways.
        #expect(VietnameseEncoding.viscii.encode("ệ").map { VietnameseEncoding.viscii.decode($0) } == "ệ")
    }

    @Test func syllables() {
        for word in [
            "Việt", "người", "quốc", "giữ", "gì", "khuya", "nghiêng", "Đường", "hoà", "hòa", "THỦY", "ở", "quýt",
            "Quỳnh",
            "Đắk", "Lắk",
        ] {
            #expect(VietnameseSyllable.isValid(word), "\(word)")
        }
        for word in ["ViÖt", "Vieät", "ngöôøi", "Hµ", "c¸c", "xyz", "thiw", "việtt", "hoàá", "café"] {
            #expect(!VietnameseSyllable.isValid(word), "\(word)")
        }
        // Abbreviations are no syllables, and do not count for or against a decoding.
        #expect(VietnameseSyllable.isAbbreviation("HĐND") && !VietnameseSyllable.isAbbreviation("Đà"))
        #expect(!VietnameseSyllable.isAbbreviation("c¸c"))
        #expect(
            VietnameseEncoding.score("“Hà Nội” – HĐND, ĐT: c¸c").description
                == "2 of 3 words with non-ASCII letters are Vietnamese syllables")
    }

    /// Each encoding of a Vietnamese text is detected as itself, and decodes to the text.
    @Test(arguments: VietnameseEncoding.allCases)
    func detection(_ encoding: VietnameseEncoding) throws {
        let text =
            "Đảng bộ tỉnh Hà Tĩnh tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2024; sinh hoạt chi bộ định kỳ."
        let bytes = try #require(encoding.encode(text))
        let found = try #require(VietnameseEncoding.detect(bytes))
        #expect(found.encoding == encoding)
        #expect(found.text == text)
        #expect(found.score.isVietnamese)
    }
}

extension String {
    /// NFC through the analysis library (Foundation is not imported here).
    fileprivate var precomposedStringWithCanonicalMappingFallback: String { UnicodeForms.nfc(self) }
}
