/// The indexed fields of an article. A term key in the index is the field's byte followed
/// by the folded term.
public enum Field: UInt8, CaseIterable, Sendable {
    case title = 0
    case body = 1
}
