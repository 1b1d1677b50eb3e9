extension IndexReader {
    /// The live stored article whose id is `id`, or nil when no live article has it.
    ///
    /// For now a linear scan: the index keeps no id → document map, so every stored record
    /// is decompressed and its id compared until one matches (newest segment first; an
    /// article replaced by a later run is deleted in its old segment). That is one
    /// decompression per article, fine for `vietsearch show` on one id, not for lookups in
    /// a loop; an id column (or an id term) in the segment would make it a lookup.
    public func article(id: String) throws -> Article? {
        for segment in segments.reversed() {
            for doc in 0..<segment.store.docCount where !segment.deleted.contains(doc) {
                let article = try segment.store.article(doc)
                if article.id == id { return article }
            }
        }
        return nil
    }

    /// As `article(id:)`, through a map of every live id to its document built by the
    /// first call on this reader (one pass over the stored articles without their text):
    /// for a reader that answers many lookups, such as `vietsearch serve`'s.
    public func lookUpArticle(id: String) throws -> Article? {
        let addresses: [String: DocAddress]
        if let cached = cache.withLock({ $0.articleAddresses }) {
            addresses = cached
        } else {
            var map: [String: DocAddress] = [:]
            // Oldest segment first, so that a newer live article with the same id wins.
            for (ordinal, segment) in segments.enumerated() {
                for doc in 0..<segment.store.docCount where !segment.deleted.contains(doc) {
                    map[try segment.store.article(doc, withBody: false).id] = DocAddress(segment: ordinal, doc: doc)
                }
            }
            addresses = map
            cache.withLock { $0.articleAddresses = map }
        }
        return try addresses[id].map { try article($0) }
    }
}
