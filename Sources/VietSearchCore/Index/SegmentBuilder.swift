import VietAnalysis

/// Builds one segment in memory: postings of folded terms per field, with positions, and
/// for every position which exact spelling the text used (its "variant"); field lengths;
/// stored articles. `SegmentFiles.write` then writes it to disk.
///
/// Keeping the exact spelling as a per-position variant of the folded term stores both
/// terms of every token at about the cost of one: a query typed without diacritics reads
/// the folded postings, one typed with diacritics reads the same postings and counts the
/// positions whose variant is its exact spelling.
final class SegmentBuilder {
    /// Postings of one folded term in one field.
    struct Postings {
        var docs: [UInt32] = []
        var freqs: [UInt32] = []
        /// position << 8 | variant index, in doc order then position order.
        var positions: [UInt32] = []
        /// Exact-form ids (into `exactForms`), indexed by variant; `sameAsFolded` for the
        /// exact form that equals the folded term itself (ASCII words, numbers).
        var variants: [Int32] = []
    }

    /// Variants beyond this share the last slot (their exact spelling is then not told apart).
    static let maxVariants = 255
    /// The exact-form id of a token whose exact term equals its folded term: no lookup needed.
    static let sameAsFolded: Int32 = -1

    /// The bytes of an exact form of term `id`.
    func exactForm(_ exactID: Int32, ofTerm id: Int) -> ArraySlice<UInt8> {
        exactID == Self.sameAsFolded ? keys.key(id).dropFirst() : exactForms.key(Int(exactID))
    }

    private(set) var keys = TermTable()
    private(set) var exactForms = TermTable()
    private(set) var postings: [Postings] = []
    private var lastDoc: [Int32] = []
    private(set) var titleLengths: [UInt32] = []
    private(set) var bodyLengths: [UInt32] = []
    private(set) var store = StoredFieldsWriter()
    private(set) var citations = CitationStoreWriter()
    private let recognizer = CitationRecognizer()
    private(set) var textBytes = 0
    private var keyBuffer = [UInt8](repeating: 0, count: 256)
    /// Per term id: nil when its folded term starts no type phrase, else the second
    /// syllables that complete one (empty: the term is a type on its own, `luật`).
    private var phraseSeconds: [[[UInt8]]?] = []
    private var arena = TokenArena()

    var docCount: Int { titleLengths.count }

    /// Adds an article (analyzed with `analyzer`) as the next document; returns its id.
    @discardableResult
    func add(_ article: Article, analyzer: Analyzer) -> Int {
        let doc = docCount
        var found: [StoredCitation] = []
        titleLengths.append(
            UInt32(index(article.title, field: .title, doc: doc, analyzer: analyzer, citations: &found)))
        bodyLengths.append(UInt32(index(article.body, field: .body, doc: doc, analyzer: analyzer, citations: &found)))
        store.add(article)
        citations.add(found)
        textBytes += article.title.utf8.count + article.body.utf8.count
        return doc
    }

    /// Indexes one field's text in a single analysis pass; a text that may cite a directive
    /// (a number, and a type phrase or a code: `CitationTrigger`) then goes to the recognizer
    /// with the tokens of that same pass.
    private func index(_ text: String, field: Field, doc: Int, analyzer: Analyzer, citations: inout [StoredCitation])
        -> Int
    {
        let original = text
        var text = text
        var count = 0
        text.withUTF8 { bytes in
            arena.removeAll()
            var sawNumber = false
            var mayCite = false
            var previousSeconds: [[UInt8]]? = nil
            analyzer.forEachToken(in: bytes) { token in
                let id = add(token, field: field, doc: doc)
                count += 1
                arena.append(token)
                sawNumber = sawNumber || token.isNumber
                guard !mayCite else { return }
                let seconds = phraseSeconds[id]
                if let previous = previousSeconds, previous.contains(where: { token.folded.starts(with: $0) }) {
                    mayCite = true
                } else if seconds?.isEmpty == true {
                    mayCite = true
                } else if !token.isNumber && token.start > 0 && bytes[token.start - 1] == 0x2F {
                    mayCite = true  // a code part after "/": 21-KL/TW, 35/NQ-CP
                }
                previousSeconds = seconds
            }
            if sawNumber && mayCite {
                let tokens = arena.tokens(of: bytes)
                citations += recognizer.citations(in: original, tokens: tokens).map {
                    StoredCitation(field: field, citation: $0)
                }
            }
        }
        return count
    }

    @inline(__always)
    @discardableResult
    private func add(_ token: TokenView, field: Field, doc: Int) -> Int {
        let length = token.folded.count + 1
        if keyBuffer.count < length { keyBuffer = [UInt8](repeating: 0, count: length * 2) }
        let id = keyBuffer.withUnsafeMutableBufferPointer { buffer -> Int in
            buffer[0] = field.rawValue
            for (i, byte) in token.folded.enumerated() { buffer[i + 1] = byte }
            return keys.id(of: UnsafeBufferPointer(rebasing: buffer[0..<length]))
        }
        if id == postings.count {
            postings.append(Postings())
            lastDoc.append(-1)
            phraseSeconds.append(CitationTrigger.phrases[Array(token.folded)])
        }
        let exactID =
            token.exact.elementsEqual(token.folded)
            ? SegmentBuilder.sameAsFolded : Int32(exactForms.id(of: token.exact))
        postings[id].addOccurrence(
            doc: doc, position: token.position, exact: exactID, isNewDoc: lastDoc[id] != Int32(doc))
        lastDoc[id] = Int32(doc)
        return id
    }
}

extension SegmentBuilder.Postings {
    @inline(__always)
    mutating func addOccurrence(doc: Int, position: Int, exact: Int32, isNewDoc: Bool) {
        if isNewDoc {
            docs.append(UInt32(doc))
            freqs.append(1)
        } else {
            freqs[freqs.count - 1] += 1
        }
        var variant = variants.firstIndex(of: exact) ?? -1
        if variant < 0 {
            if variants.count < SegmentBuilder.maxVariants {
                variant = variants.count
                variants.append(exact)
            } else {
                variant = SegmentBuilder.maxVariants - 1
            }
        }
        positions.append(UInt32(position) << 8 | UInt32(variant))
    }
}
