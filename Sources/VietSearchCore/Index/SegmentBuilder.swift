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
        /// Exact-form ids (into `exactForms`), indexed by variant.
        var variants: [Int32] = []
    }

    /// Variants beyond this share the last slot (their exact spelling is then not told apart).
    static let maxVariants = 255

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

    var docCount: Int { titleLengths.count }

    /// Adds an article (analyzed with `analyzer`) as the next document; returns its id.
    @discardableResult
    func add(_ article: Article, analyzer: Analyzer) -> Int {
        let doc = docCount
        titleLengths.append(UInt32(index(article.title, field: .title, doc: doc, analyzer: analyzer)))
        bodyLengths.append(UInt32(index(article.body, field: .body, doc: doc, analyzer: analyzer)))
        store.add(article)
        citations.add(recognizeCitations(article, analyzer: analyzer))
        textBytes += article.title.utf8.count + article.body.utf8.count
        return doc
    }

    /// Citations of directives in the title and body. Only texts with a digit can cite one.
    private func recognizeCitations(_ article: Article, analyzer: Analyzer) -> [StoredCitation] {
        var found: [StoredCitation] = []
        for (field, text) in [(Field.title, article.title), (.body, article.body)]
        where text.utf8.contains(where: { $0 &- 0x30 < 10 }) {
            found += recognizer.citations(in: text, analyzer: analyzer).map {
                StoredCitation(field: field, citation: $0)
            }
        }
        return found
    }

    private func index(_ text: String, field: Field, doc: Int, analyzer: Analyzer) -> Int {
        var text = text
        var count = 0
        text.withUTF8 { bytes in
            analyzer.forEachToken(in: bytes) { token in
                add(token, field: field, doc: doc)
                count += 1
            }
        }
        return count
    }

    @inline(__always)
    private func add(_ token: TokenView, field: Field, doc: Int) {
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
        }
        let exactID = Int32(exactForms.id(of: token.exact))
        postings[id].addOccurrence(
            doc: doc, position: token.position, exact: exactID, isNewDoc: lastDoc[id] != Int32(doc))
        lastDoc[id] = Int32(doc)
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
