/// A parsed query: what must match, what must not, on which field.
///
/// Syntax (`QueryParser`): words (all must match), `"quoted phrases"`, `-word` and
/// `-"phrase"` to exclude, `OR` between alternatives (binding tighter than the implicit
/// AND: `a b OR c d` is `a (b OR c) d`), `title:word` or `title:"phrase"`. A word that
/// analyzes into several tokens (`21-KL/TW`, `TP.HCM`) is a phrase.
public struct Query: Sendable, Equatable {
    /// One query syllable, analyzed like document text.
    public struct Term: Hashable, Sendable {
        public var exact: [UInt8]
        public var folded: [UInt8]
        /// Typed with diacritics (exact differs from folded): exact matches rank first.
        public var hasDiacritics: Bool { exact != folded }
    }

    /// A term or a phrase, on one field or on all.
    public struct Clause: Hashable, Sendable {
        public var terms: [Term]
        /// Restricted to one field (`title:`), or nil for title and body.
        public var field: Field?
        public var isPhrase: Bool { terms.count > 1 }
        public var hasDiacritics: Bool { terms.contains { $0.hasDiacritics } }
    }

    /// Every group must match; within a group, any clause (OR).
    public var required: [[Clause]] = []
    public var excluded: [Clause] = []

    public var isEmpty: Bool { required.isEmpty }

    /// Single-term clauses typed as separate words, in order: proximity scoring rewards
    /// documents where consecutive ones are adjacent and in order.
    var proximitySequence: [Term] {
        required.compactMap { group in
            group.count == 1 && !group[0].isPhrase && group[0].field == nil ? group[0].terms[0] : nil
        }
    }
}
