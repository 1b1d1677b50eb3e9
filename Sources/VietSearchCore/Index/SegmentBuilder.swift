import VietAnalysis

/// Builds one segment in memory: postings of folded terms per field, with positions, and
/// for every position which exact spelling the text used (its "variant"); field lengths;
/// stored articles. `SegmentWriter.write` then writes it to a `Directory`.
///
/// Keeping the exact spelling as a per-position variant of the folded term stores both
/// terms of every token at about the cost of one: a query typed without diacritics reads
/// the folded postings, one typed with diacritics reads the same postings and counts the
/// positions whose variant is its exact spelling.
///
/// Occurrences live in one pool of blocks, linked per term: a block holds 31 entries and,
/// last, the index of the term's next block. An entry is a document marker
/// (`1 << 31 | doc`) when the term's first occurrence in a document comes, else
/// `position << 8 | variant`. Appending a token touches a few raw buffers, no per-term array.
final class SegmentBuilder {
    static let blockEntries = 32
    static let documentMarker: UInt32 = 1 << 31
    /// Positions beyond this (a field of 8 million tokens) share the last one.
    static let maxPosition = (1 << 23) - 1

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
    private let pool = RawBuffer<UInt32>(capacity: 1 << 20)
    /// Per term id: first block, current block, entries used in it, last document,
    /// document frequency, and the last exact form seen with the variant it got.
    private let head = RawBuffer<Int32>(), tail = RawBuffer<Int32>(), fill = RawBuffer<Int32>()
    private let lastDoc = RawBuffer<Int32>(), docFrequency = RawBuffer<Int32>()
    private let lastExact = RawBuffer<Int32>(), lastVariant = RawBuffer<Int32>()
    /// Per term id: exact-form ids (into `exactForms`) by variant number; `sameAsFolded` for
    /// the exact form that equals the folded term itself (ASCII words, numbers).
    private(set) var variants: [[Int32]] = []
    private(set) var titleLengths: [UInt32] = []
    private(set) var bodyLengths: [UInt32] = []
    private(set) var store = StoredFieldsWriter()
    private(set) var columns = ColumnsWriter()
    private(set) var citations = CitationStoreWriter()
    private let recognizer = CitationRecognizer()
    private(set) var textBytes = 0
    private var keyBuffer = [UInt8](repeating: 0, count: 256)
    /// Per term id: -1 when its folded term starts no type phrase, else the index in
    /// `phraseSecondLists` of the second syllables that complete one (empty: the term is a
    /// type on its own, `luật`). An index, not the list: reading it per token retains nothing.
    private var phraseSeconds: [Int32] = []
    private var phraseSecondLists: [[[UInt8]]] = []
    private let arena = TokenArena()
    private var syllableTerms = SyllableTerms()
    /// Adjacent syllables within a sentence of either field, by term and variant, from
    /// which the segment's pair postings are made (`PairPostings`).
    let pairs = PairCounter()
    /// Body tokens added (the syllables `pairs` was counted over).
    private(set) var bodyTokens = 0

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
        columns.add(article)
        citations.add(found)
        textBytes += article.title.utf8.count + article.body.utf8.count
        bodyTokens += Int(bodyLengths[doc])
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
            var previousSeconds: Int32 = -1
            // The previous token: term id, variant, position (pairs never span a sentence
            // break, where the analyzer skips a position).
            var previous = (id: -1, variant: 0, position: -2)
            syllableTerms.use(analyzer)
            analyzer.forEachToken(in: bytes) { token in
                // The analyzer's cache may start over within a text.
                if token.syllable >= 0 { syllableTerms.use(analyzer) }
                let id = add(token, field: field, doc: doc)
                count += 1
                let variant = Int(lastVariant[id])
                if token.position == previous.position + 1 {
                    pairs.add(
                        first: previous.id, firstVariant: previous.variant, second: id, secondVariant: variant, doc: doc
                    )
                }
                previous = (id, variant, token.position)
                arena.append(token)
                sawNumber = sawNumber || token.isNumber
                guard !mayCite else { return }
                let seconds = phraseSeconds[id]
                if previousSeconds >= 0,
                    phraseSecondLists[Int(previousSeconds)].contains(where: { token.folded.starts(with: $0) })
                {
                    mayCite = true
                } else if seconds >= 0 && phraseSecondLists[Int(seconds)].isEmpty {
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
        // A syllable seen before: its term and exact form without hashing either.
        let known = token.syllable >= 0 ? syllableTerms.lookup(token.syllable, field: field) : nil
        let (id, exactID) = known ?? newSpelling(token, field: field)
        if lastDoc[id] != Int32(doc) {
            append(Self.documentMarker | UInt32(doc), toTerm: id)
            lastDoc[id] = Int32(doc)
            docFrequency[id] += 1
        }
        if lastExact[id] != exactID {
            lastExact[id] = exactID
            lastVariant[id] = variant(of: exactID, forTerm: id)
        }
        append(UInt32(min(token.position, Self.maxPosition)) << 8 | UInt32(lastVariant[id]), toTerm: id)
        return id
    }

    /// The term id and exact-form id of `token` looked up (and added when new) by their
    /// bytes; remembered under the token's syllable number.
    private func newSpelling(_ token: TokenView, field: Field) -> (Int, Int32) {
        let length = token.folded.count + 1
        if keyBuffer.count < length { keyBuffer = [UInt8](repeating: 0, count: length * 2) }
        let id = keyBuffer.withUnsafeMutableBufferPointer { buffer -> Int in
            buffer[0] = field.rawValue
            for (i, byte) in token.folded.enumerated() { buffer[i + 1] = byte }
            return keys.id(of: UnsafeBufferPointer(rebasing: buffer[0..<length]))
        }
        if id == head.count {
            let block = Int32(pool.append(repeating: 0, count: Self.blockEntries))
            head.append(block)
            tail.append(block)
            fill.append(0)
            lastDoc.append(-1)
            docFrequency.append(0)
            lastExact.append(Int32.min)
            lastVariant.append(0)
            variants.append([])
            if let seconds = CitationTrigger.seconds(of: token.folded) {
                phraseSeconds.append(Int32(phraseSecondLists.count))
                phraseSecondLists.append(seconds)
            } else {
                phraseSeconds.append(-1)
            }
        }
        let exactID =
            token.exact.elementsEqual(token.folded)
            ? SegmentBuilder.sameAsFolded : Int32(exactForms.id(of: token.exact))
        if token.syllable >= 0 { syllableTerms.remember(token.syllable, field: field, term: id, exact: exactID) }
        return (id, exactID)
    }
}

/// Per syllable number of one analyzer (`TokenView.syllable`): the term id in each field
/// and the exact-form id that its bytes gave, -1 while not known.
struct SyllableTerms {
    private var title: [Int32] = []
    private var body: [Int32] = []
    private var exact: [Int32] = []
    private var analyzer: ObjectIdentifier?
    /// Held, so that no other analyzer can take its place at the same address.
    private var held: Analyzer?
    private var generation = -1

    /// Forgets every number unless they are still `analyzer`'s current ones.
    @inline(__always)
    mutating func use(_ analyzer: Analyzer) {
        let id = ObjectIdentifier(analyzer)
        guard id != self.analyzer || analyzer.syllableGeneration != generation else { return }
        self.analyzer = id
        held = analyzer
        generation = analyzer.syllableGeneration
        title.removeAll(keepingCapacity: true)
        body.removeAll(keepingCapacity: true)
        exact.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func lookup(_ syllable: Int32, field: Field) -> (Int, Int32)? {
        let s = Int(syllable)
        guard s < exact.count else { return nil }
        let term = field == .title ? title[s] : body[s]
        return term < 0 ? nil : (Int(term), exact[s])
    }

    mutating func remember(_ syllable: Int32, field: Field, term: Int, exact exactID: Int32) {
        let s = Int(syllable)
        if s >= exact.count {
            let grown = max(s + 1, exact.count * 2, 1024)
            title += repeatElement(-1, count: grown - title.count)
            body += repeatElement(-1, count: grown - body.count)
            exact += repeatElement(-1, count: grown - exact.count)
        }
        if field == .title { title[s] = Int32(term) } else { body[s] = Int32(term) }
        exact[s] = exactID
    }
}

extension SegmentBuilder {
    @inline(__always)
    private func append(_ entry: UInt32, toTerm id: Int) {
        var block = Int(tail[id])
        var used = Int(fill[id])
        if used == Self.blockEntries - 1 {
            let next = pool.append(repeating: 0, count: Self.blockEntries)
            pool[block + Self.blockEntries - 1] = UInt32(next)
            block = next
            used = 0
            tail[id] = Int32(next)
        }
        pool[block + used] = entry
        fill[id] = Int32(used + 1)
    }

    /// The variant number of an exact form for a term, adding it when new.
    private func variant(of exactID: Int32, forTerm id: Int) -> Int32 {
        if let known = variants[id].firstIndex(of: exactID) { return Int32(known) }
        guard variants[id].count < Self.maxVariants else { return Int32(Self.maxVariants - 1) }
        variants[id].append(exactID)
        return Int32(variants[id].count - 1)
    }

    /// Number of distinct terms (field + folded keys).
    var termCount: Int { head.count }

    /// How many documents hold term `id`.
    func documentFrequency(ofTerm id: Int) -> Int { Int(docFrequency[id]) }

    /// The entries of term `id` in order: document markers and `position << 8 | variant`.
    func forEachEntry(ofTerm id: Int, _ body: (UInt32) -> Void) {
        var block = Int(head[id])
        let last = Int(tail[id])
        while true {
            let used = block == last ? Int(fill[id]) : Self.blockEntries - 1
            for i in 0..<used { body(pool[block + i]) }
            if block == last { return }
            block = Int(pool[block + Self.blockEntries - 1])
        }
    }
}
