import TsundokuLibrary

/// Where a report changes state: what an effect found. Reports are applied in every mode,
/// overlay and screen size; a report about something the person has left (a body for an item no
/// longer in the reader) changes nothing.
extension AppState {
    public mutating func receive(_ report: Report) -> [Effect] {
        switch report {
        case .loadProgress(let files):
            message = StatusMessage("载入中… 已读 \(files) 个文件", .progress)
        case .libraryLoaded(let snapshot, let marks, let stateProblem):
            isLoading = false
            if message?.kind == .progress { message = nil }
            replaceLibrary(MarkedLibrary(items: snapshot.items, marks: marks.addingDefaults(snapshot.sourceMarks)))
            scrollListToSelection()
            if let stateProblem {
                message = StatusMessage("标记文件无法读取，全部显示为未读：" + stateProblem, .error)
            } else if !snapshot.problems.isEmpty {
                let files = Set(snapshot.problems.map(\.path)).count
                message = StatusMessage("\(files) 个文件有 \(snapshot.problems.count) 处问题（tsundoku check 查看）", .error)
            }
            if let reader, library.item(reader.itemID) == nil { self.reader = nil }
            let search: [Effect] = isSearching || !query.isEmpty ? [.buildSearchKeys(library.items), .loadSearchTexts(library.items)] : []
            return preview(pausing: false) + search
        case .documentLoaded(let id, let result):
            guard let current = reader, current.itemID == id else { return [] }
            switch result {
            case .success(let article):
                reader?.article = article
                reader?.failure = nil
                showView(article.view)
                if current.showsLinksWhenLoaded {
                    reader?.showsLinksWhenLoaded = false
                    if overlay == nil { showLinksOfOpenArticle() }
                }
                if current.marksReadWhenLoaded, let index = library.index(of: id), !isRead(itemAt: index) {
                    reader?.marksReadWhenLoaded = false
                    return [.saveMarks([id], .read, over: library.marks)]
                }
            case .failure(let problem):
                reader?.failure = problem
                reader?.marksReadWhenLoaded = false
                reader?.showsLinksWhenLoaded = false
                message = StatusMessage(problem.description, .error)
            }
        case .laidOut(let id, let view):
            guard reader?.itemID == id, view.width == layout.articleWidth else { return [] }
            showView(view)
        case .marksSaved(let entries):
            applySavedMarks(entries)
            scrollListToSelection()
        case .marksFailed(let reason):
            message = StatusMessage("未能保存标记：" + reason, .error)
        case .searchKeysBuilt(let keys):
            setSearchKeys(keys)
        case .searchTextsLoaded(let texts):
            setSearchTexts(texts)
        case .linkOpened(let url):
            message = StatusMessage("已打开 " + url, .info)
        case .linkNotOpened(let reason):
            message = StatusMessage(reason, .error)
        }
        return []
    }

    /// Shows a laid-out view, keeping the reading position: the same line when the rest of an
    /// article arrives after its first screen (whose lines it begins with), the same share of
    /// the article when it was laid out again at another width.
    private mutating func showView(_ view: ArticleView) {
        guard var state = reader else { return }
        if let old = state.view, !old.isComplete, old.width == view.width {
            state.top = state.followsEnd ? Int.max : state.top
        } else {
            let fraction = state.view.map { $0.lines.isEmpty ? 0 : Double(state.top) / Double($0.lines.count) } ?? 0
            state.top = Int((fraction * Double(view.lines.count)).rounded(.down))
        }
        state.view = view
        reader = state
        _ = scrollReader(to: state.top)
    }
}
