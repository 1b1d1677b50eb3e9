import VietSearchCore
import VietSearchService

/// The server-rendered pages, in Vietnamese: search, an article, the directives, the
/// articles citing one. Plain HTML and one inline style sheet; no script, nothing fetched
/// from elsewhere.
enum Pages {
    static let pageSize = 10

    static func home(documents: Int) -> String {
        page(title: "VietSearch") { html in
            form(&html, query: "", parameters: nil)
            html.raw("<p class=\"note\">Tìm trong \(documents) bài báo. Gõ có dấu hoặc không dấu đều được.</p>")
        }
    }

    static func results(_ response: SearchResponse) -> String {
        let result = response.result
        let options = response.options
        return page(title: "\(response.query) – VietSearch") { html in
            form(&html, query: response.query, parameters: response.options)
            if let reading = result.reading, reading.isReinterpreted {
                html.raw("<p class=\"reading\">Kết quả cho: <a href=\"")
                html.text(searchLink(reading.text, options, offset: 0, asTyped: true))
                html.raw("\"><b>")
                html.text(reading.text)
                html.raw("</b></a>")
                if !reading.alternatives.isEmpty {
                    html.raw(" · cũng thử: ")
                    for (i, alternative) in reading.alternatives.enumerated() {
                        if i > 0 { html.raw(" | ") }
                        link(&html, searchLink(alternative, options, offset: 0, asTyped: true), alternative)
                    }
                }
                html.raw("<br><small>Tìm đúng như đã gõ: ")
                link(&html, searchLink(response.query, options, offset: 0, asTyped: true), response.query)
                html.raw("</small></p>")
            }
            guard response.matched else {
                html.raw("<p class=\"none\">Không tìm thấy bài nào cho “")
                html.text(response.query)
                html.raw("”.")
                if let suggestions = result.reading?.suggestions, !suggestions.isEmpty {
                    html.raw(" Có phải bạn muốn tìm: ")
                    for (i, suggestion) in suggestions.enumerated() {
                        if i > 0 { html.raw(", ") }
                        link(&html, searchLink(suggestion.read, options, offset: 0, asTyped: false), suggestion.read)
                    }
                    html.raw("?")
                }
                if !options.filter.isEmpty { html.raw(" Thử bỏ bộ lọc.") }
                html.raw("</p>")
                return
            }
            let total = result.total ?? result.hits.count
            html.raw(
                "<p class=\"count\">\(total) bài phù hợp · hiển thị \(options.offset + min(1, result.hits.count))–\(options.offset + result.hits.count)</p>"
            )
            if let facets = result.facets, facets.years.count > 1, !options.filter.filtersDates {
                // Each year narrows the search to itself.
                html.raw("<p class=\"years\">Theo năm: ")
                for (i, year) in facets.years.enumerated() {
                    if i > 0 { html.raw(" · ") }
                    var narrowed = options
                    narrowed.filter.since = ArticleDate(iso: String(year.year))
                    narrowed.filter.until = ArticleDate(isoEnd: String(year.year))
                    link(
                        &html, searchLink(response.query, narrowed, offset: 0, asTyped: options.asTyped), "\(year.year)"
                    )
                    html.raw(" (\(year.count))")
                }
                html.raw("</p>")
            }
            for hit in result.hits {
                heading(&html, hit.article)
                if let snippet = hit.snippet, !snippet.text.isEmpty {
                    html.raw("<p class=\"snippet\">")
                    html.highlighted(snippet.text, snippet.highlights)
                    html.raw("</p>")
                }
                if !hit.missing.isEmpty {
                    html.raw("<p class=\"lacks\">Thiếu: ")
                    html.text(hit.missing.joined(separator: ", "))
                    html.raw("</p>")
                }
                html.raw("</article>")
            }
            pagination(&html, total: total, offset: options.offset, limit: options.limit) {
                searchLink(response.query, options, offset: $0, asTyped: options.asTyped)
            }
        }
    }

    static func article(_ article: Article) -> String {
        page(title: "\(article.title) – VietSearch") { html in
            html.raw("<p><a href=\"/\">← Tìm kiếm</a></p><article class=\"full\"><h1>")
            html.text(article.title.isEmpty ? article.id : article.title)
            html.raw("</h1>")
            meta(&html, article)
            for paragraph in article.body.split(whereSeparator: \.isNewline) where !paragraph.allSatisfy(\.isWhitespace)
            {
                html.raw("<p>")
                html.text(String(paragraph))
                html.raw("</p>")
            }
            html.raw("</article>")
        }
    }

    static func directives(_ listing: DirectiveListing) -> String {
        page(title: "Văn bản được trích dẫn – VietSearch") { html in
            html.raw("<p><a href=\"/\">← Tìm kiếm</a></p><h1>Văn bản được trích dẫn</h1>")
            html.raw("<p class=\"count\">\(listing.counts.count) văn bản · hiển thị \(listing.shown.count)</p>")
            html.raw("<table><thead><tr><th>Văn bản</th><th>Bài trích dẫn</th><th>Có thể</th></tr></thead><tbody>")
            for count in listing.shown {
                html.raw("<tr><td><a href=\"")
                html.text("/cite?d=" + QueryParameters.encode(count.key.description))
                html.raw("\">")
                html.text(count.key.description)
                html.raw("</a></td><td>\(count.articles)</td><td>+\(count.possibleArticles)</td></tr>")
            }
            html.raw("</tbody></table>")
        }
    }

    static func citing(_ response: CitationResponse) -> String {
        page(title: "\(response.named) – VietSearch") { html in
            html.raw("<p><a href=\"/\">← Tìm kiếm</a> · <a href=\"/directives\">Văn bản</a></p><h1>")
            html.text(response.named.description)
            html.raw("</h1>")
            html.raw(
                "<p class=\"count\">\(response.citing.count) bài trích dẫn: \(response.certain) chắc chắn, \(response.citing.count - response.certain) có thể</p>"
            )
            for hit in response.shown {
                heading(&html, hit.article, note: hit.match == .certain ? nil : "có thể là văn bản khác")
                for mention in hit.mentions.prefix(3) {
                    html.raw("<p class=\"snippet\">")
                    html.highlighted(mention.context, [mention.highlight])
                    html.raw("</p>")
                }
                html.raw("</article>")
            }
            pagination(&html, total: response.citing.count, offset: response.offset, limit: response.limit) {
                "/cite?d=" + QueryParameters.encode(response.key.description) + "&offset=\($0)&limit=\(response.limit)"
            }
        }
    }

    static func error(_ error: APIError) -> String {
        page(title: "Lỗi \(error.status.code) – VietSearch") { html in
            html.raw("<h1>Lỗi \(error.status.code)</h1><p class=\"none\">")
            html.text(error.message)
            html.raw("</p><p><a href=\"/\">← Tìm kiếm</a></p>")
        }
    }

    // MARK: Pieces

    private static func page(title: String, _ body: (inout HTMLWriter) -> Void) -> String {
        var html = HTMLWriter()
        html.raw("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        html.text(title)
        html.raw(
            "</title><style>\(style)</style></head><body><header><a class=\"logo\" href=\"/\">VietSearch</a></header><main>"
        )
        body(&html)
        html.raw(
            "</main><footer><a href=\"/directives\">Văn bản được trích dẫn</a> · <a href=\"/api/openapi.json\">API</a></footer></body></html>\n"
        )
        return html.output
    }

    private static func form(_ html: inout HTMLWriter, query: String, parameters: SearchOptions?) {
        html.raw("<form method=\"get\" action=\"/\" role=\"search\"><div class=\"box\">")
        html.raw(
            "<input type=\"search\" name=\"q\" id=\"q\" maxlength=\"512\" aria-label=\"Từ khóa\" placeholder=\"Tìm bài báo…\" value=\""
        )
        html.text(query)
        html.raw("\" autofocus><button type=\"submit\">Tìm</button></div>")
        let filter = parameters?.filter ?? ArticleFilter()
        let open = !filter.isEmpty || (parameters?.sort ?? .relevance) != .relevance
        html.raw("<details\(open ? " open" : "")><summary>Lọc và sắp xếp</summary><div class=\"filters\">")
        html.raw("<label>Từ ngày <input type=\"date\" name=\"since\" value=\"")
        html.text(filter.since?.description ?? "")
        html.raw("\"></label><label>Đến ngày <input type=\"date\" name=\"until\" value=\"")
        html.text(filter.until?.description ?? "")
        html.raw("\"></label><label>Nguồn <input type=\"text\" name=\"source\" placeholder=\"nhandan.vn\" value=\"")
        html.text(filter.sources.first ?? "")
        html.raw("\"></label><label>Sắp xếp <select name=\"sort\">")
        for (order, name) in [
            (SortOrder.relevance, "Phù hợp nhất"), (.newestFirst, "Mới nhất"), (.oldestFirst, "Cũ nhất"),
        ] {
            html.raw(
                "<option value=\"\(order.rawValue)\"\(parameters?.sort == order ? " selected" : "")>\(name)</option>")
        }
        html.raw("</select></label></div></details></form>")
    }

    /// A hit's opening: its title, linked to its page, then its date and source.
    private static func heading(_ html: inout HTMLWriter, _ article: Article, note: String? = nil) {
        html.raw("<article class=\"hit\"><h2>")
        link(&html, articleLink(article.id), article.title.isEmpty ? article.id : article.title)
        html.raw("</h2>")
        meta(&html, article, note: note)
    }

    private static func meta(_ html: inout HTMLWriter, _ article: Article, note: String? = nil) {
        html.raw("<p class=\"meta\">")
        html.text(article.date ?? "không rõ ngày")
        if let source = article.sourceName {
            html.raw(" · ")
            html.text(source)
        }
        if let note {
            html.raw(" · ")
            html.text(note)
        }
        html.raw("</p>")
    }

    private static func link(_ html: inout HTMLWriter, _ href: String, _ label: String) {
        html.raw("<a href=\"")
        html.text(href)
        html.raw("\">")
        html.text(label)
        html.raw("</a>")
    }

    private static func pagination(
        _ html: inout HTMLWriter, total: Int, offset: Int, limit: Int, href: (Int) -> String
    ) {
        guard limit > 0, total > limit else { return }
        html.raw("<nav class=\"pages\">")
        if offset > 0 { link(&html, href(max(0, offset - limit)), "← Trang trước") }
        let page = offset / limit + 1
        let pages = (total + limit - 1) / limit
        html.raw("<span>Trang \(page)/\(pages)</span>")
        if offset + limit < total { link(&html, href(offset + limit), "Trang sau →") }
        html.raw("</nav>")
    }

    private static func articleLink(_ id: String) -> String { "/articles/" + QueryParameters.encode(id) }

    /// The results page of `query` with the same filters and order.
    private static func searchLink(_ query: String, _ options: SearchOptions, offset: Int, asTyped: Bool) -> String {
        var link = "/?q=" + QueryParameters.encode(query)
        if let since = options.filter.since { link += "&since=\(since)" }
        if let until = options.filter.until { link += "&until=\(until)" }
        for source in options.filter.sources { link += "&source=" + QueryParameters.encode(source) }
        if options.sort != .relevance { link += "&sort=" + QueryParameters.encode(options.sort.rawValue) }
        if options.limit != pageSize { link += "&limit=\(options.limit)" }
        if offset > 0 { link += "&offset=\(offset)" }
        if asTyped { link += "&as_typed=1" }
        if options.exactOnly { link += "&exact=1" }
        if options.allWords { link += "&all_words=1" }
        return link
    }

    static let style = """
        body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fafafa}\
        header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}\
        header{padding-top:1rem}.logo{font-weight:700;font-size:1.3rem;color:#b3261e;text-decoration:none}\
        form{margin:1rem 0}.box{display:flex;gap:.5rem}\
        input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #999;border-radius:6px;min-width:0}\
        .box input{flex:1}button{background:#b3261e;color:#fff;border-color:#b3261e;cursor:pointer}\
        details{margin-top:.5rem}.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin-top:.5rem}\
        .filters label{display:flex;flex-direction:column;font-size:.9rem}\
        .hit{background:#fff;border:1px solid #e3e3e3;border-radius:8px;padding:.6rem .9rem;margin:.7rem 0}\
        .hit h2{font-size:1.1rem;margin:0}.hit h2 a{color:#0b57d0;text-decoration:none}\
        .meta{color:#5f6368;font-size:.9rem;margin:.2rem 0}.snippet{margin:.3rem 0}\
        mark{background:#fde68a;padding:0 .1em}.lacks{color:#8a5300;font-size:.9rem;margin:0}\
        .reading{background:#eef4ff;border-radius:6px;padding:.5rem .8rem}.count,.note{color:#5f6368}\
        .pages{display:flex;gap:1rem;justify-content:center;margin:1rem 0}\
        table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #e3e3e3}\
        .full h1{font-size:1.5rem;line-height:1.3}.full p{overflow-wrap:anywhere}.years{font-size:.9rem}footer{color:#5f6368;font-size:.9rem;padding:2rem 1rem}
        """
}
