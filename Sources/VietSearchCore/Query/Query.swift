/// A parsed query: alternatives of required clauses, and what must not match.
///
/// Syntax (`QueryParser`): words (all must match), `"quoted phrases"`, `-word` and
/// `-"phrase"` to exclude, `OR` between alternatives, `title:word` or `title:"phrase"`.
/// `OR` separates whole runs of words, because Vietnamese words are runs of syllables:
/// `Đà Nẵng OR Hải Phòng` is (Đà Nẵng) OR (Hải Phòng). A word that analyzes into several
/// tokens (`21-KL/TW`, `TP.HCM`) is a phrase.
///
/// When any word is typed with diacritics, the query is taken as typed with diacritics
/// throughout: every syllable's exact spelling then counts (`chi` is level-tone `chi`, not
/// `chí`), for ranking and for `--exact`.
public struct Query: Sendable, Equatable {
    /// One query syllable, analyzed like document text.
    public struct Term: Hashable, Sendable {
        public var exact: [UInt8]
        public var folded: [UInt8]
        /// Whether the exact spelling matters: the query was typed with diacritics.
        public var exactMatters: Bool
        /// Whether `exact` is the spelling the query reader found most likely for a word
        /// typed without diacritics: it matches every spelling, and ranks this one first
        /// among matches alike in every stronger key (`Rank.preferred`).
        public var preferred = false

        public init(exact: [UInt8], folded: [UInt8], exactMatters: Bool, preferred: Bool = false) {
            self.exact = exact
            self.folded = folded
            self.exactMatters = exactMatters
            self.preferred = preferred
        }
    }

    /// A term or a phrase, on one field or on all.
    public struct Clause: Hashable, Sendable {
        public var terms: [Term]
        /// Restricted to one field (`title:`), or nil for title and body.
        public var field: Field?
        /// Typed in quotes: a phrase the user asked for, not a word that analyzes into
        /// several tokens (`21-KL/TW`, `18/12/2019`). A relaxed search keeps it required.
        public var isQuoted = false
        public var isPhrase: Bool { terms.count > 1 }
        /// The clause as analyzed (lowercase), its syllables separated by spaces.
        public var text: String { terms.map { String(decoding: $0.exact, as: UTF8.self) }.joined(separator: " ") }
        public var exactMatters: Bool { terms.contains { $0.exactMatters } }
    }

    /// Any alternative may match; within one, every clause must.
    public var alternatives: [[Clause]] = []
    public var excluded: [Clause] = []
    /// Words (and syllables of an over-long phrase) beyond `QueryParser`'s limits, which
    /// are not searched.
    public var ignoredWords = 0
    /// Whether the query reads as a question (`QueryWords.isQuestion`): such a query is
    /// relaxed from the start.
    public var isQuestion = false

    public var isEmpty: Bool { alternatives.allSatisfy(\.isEmpty) }

    /// Every clause of every alternative.
    var allClauses: [Clause] { alternatives.flatMap { $0 } }
}
