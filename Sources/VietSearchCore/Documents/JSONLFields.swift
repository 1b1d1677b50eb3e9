/// Which keys of a JSONL line hold an article's fields: `id`, `title`, `text`, `date`,
/// `source` and `url` unless the user maps them to the names another export uses
/// (`index --field title=headline --field text=content`).
public struct JSONLFields: Sendable, Equatable {
    public var id = "id"
    public var title = "title"
    public var text = "text"
    public var date = "date"
    public var source = "source"
    public var url = "url"

    /// The standard names.
    public static let standard = JSONLFields()

    /// The fields a mapping may name; `body` is another name for `text`.
    public static let targets = ["id", "title", "text", "body", "date", "source", "url"]

    /// A mapping that `--field` cannot take, with the message to show.
    public struct MappingError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The standard names with each `target=name` of `mappings` applied.
    public init(mappings: [String]) throws(MappingError) {
        var mapped: [String: String] = [:]
        for mapping in mappings {
            guard let equals = mapping.firstIndex(of: "=") else {
                throw MappingError(description: "--field \(mapping): expected TARGET=KEY, as in --field text=content")
            }
            let target = mapping[..<equals].trimmingWhitespace().lowercased()
            let name = String(mapping[mapping.index(after: equals)...].trimmingWhitespace())
            let field = target == "body" ? "text" : target
            guard Self.targets.contains(field) else {
                throw MappingError(
                    description:
                        "--field \(mapping): unknown field \"\(target)\" (expected one of \(Self.targets.joined(separator: ", ")))"
                )
            }
            guard !name.isEmpty else { throw MappingError(description: "--field \(mapping): the key name is empty") }
            guard mapped[field] == nil else { throw MappingError(description: "--field \(field) is given twice") }
            mapped[field] = name
        }
        for (field, name) in mapped {
            switch field {
            case "id": id = name
            case "title": title = name
            case "text": text = name
            case "date": date = name
            case "source": source = name
            default: url = name
            }
        }
        let names = [id, title, text, date, source, url]
        if let shared = names.first(where: { name in names.count { $0 == name } > 1 }) {
            throw MappingError(description: "--field: the key \"\(shared)\" is mapped to two fields")
        }
    }

    public init() {}
}
