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
}
