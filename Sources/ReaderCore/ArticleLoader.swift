import TsundokuLibrary

/// Reads an item's body and lays it out: the one place that turns an `Item` into an `ArticleView`.
public enum ArticleLoader {
    public static func view(_ item: Item, in library: MarkedLibrary, width: Int) throws -> ArticleView {
        let document = try Library.document(for: item)
        let highlights = try Library.highlights(for: item)
        let digestTitle = item.parent.flatMap { library.item($0)?.title }
        return ArticleView(item: item, document: document, highlights: highlights, digestTitle: digestTitle, width: width)
    }
}
