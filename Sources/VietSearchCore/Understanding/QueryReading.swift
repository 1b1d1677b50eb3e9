/// How a query was understood (`QueryReader`): the reading searched, the corrections it
/// applied, and the other likely readings.
public struct QueryReading: Sendable, Equatable {
    /// One word read otherwise than typed.
    public struct Correction: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// Telex keystrokes left in (`hoatj` → `hoạt`).
            case telex
            /// VNI keystrokes left in (`No65i` → `nội`).
            case vni
            /// A rare spelling the context says is a slip of tone or mark (`phũ` → `phủ`).
            case tone
            /// A word no article holds, one letter away from one that fits (`thôg` → `thông`).
            case spelling
        }
        public var typed: String
        public var read: String
        public var kind: Kind
    }

    /// What was typed, as analyzed (lowercase), words separated by spaces.
    public var typed: String
    /// The query as searched: each word as read (`sinh hoạt chi bộ`); a word typed without
    /// diacritics shows its restored spelling only when that spelling ranks first.
    public var text: String
    /// The words read otherwise than typed, in query order.
    public var corrections: [Correction] = []
    /// Words typed with diacritics that a neighbour doubts (it stands beside another
    /// spelling of them at least 100 times as often): matched in every spelling, the typed
    /// one first among matches alike (`tại` in `tại nạn giao thông`).
    public var loosened: [String] = []
    /// Up to three other likely readings, most likely first.
    public var alternatives: [String] = []
    /// Likely corrections of words no article holds, not applied because the context did
    /// not confirm them: what a search that finds nothing suggests.
    public var suggestions: [Correction] = []

    /// Whether the reading differs from what was typed (diacritics restored, or corrected).
    public var isReinterpreted: Bool { text != typed }
}
