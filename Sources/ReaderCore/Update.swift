import TsundokuLibrary

/// Where an action changes state: the one reducer of the app. Pure: it returns the effects the
/// backend must carry out (save marks, load a body, open a link) instead of doing them.
extension AppState {
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .resize(let width, let height):
            self.width = width
            self.height = height
            relayoutReader()
            scrollListToSelection()
            return []
        case .message(let text):
            message = StatusMessage(text: text, isError: true)
            return []
        default:
            break
        }
        if action.isReport { return applyReport(action) }
        if !layout.fits {
            if case .quit = action { return [.quit] }
            return []
        }
        if case .links(let current) = overlay { return applyInLinks(action, current: current) }
        if case .help(let top) = overlay {
            applyInHelp(action, top: top)
            return []
        }
        if isSearching, let effects = applyInSearch(action) { return effects }
        return applyInBrowse(action)
    }

    /// What the keyboard is talking to now, for the keymap.
    public var keymapMode: Keymap.Mode {
        switch overlay {
        case .help?: return .help
        case .links?: return .links
        case nil: return isSearching ? .search : .browse
        }
    }

    private mutating func applyInBrowse(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown: return focus == .reader ? scrollReader(by: 1) : select(selected + 1)
        case .moveUp: return focus == .reader ? scrollReader(by: -1) : select(selected - 1)
        case .top: return focus == .reader ? scrollReader(to: 0) : select(0)
        case .bottom: return focus == .reader ? scrollReader(to: Int.max) : select(rows.count - 1)
        case .pageDown:
            return focus == .reader ? scrollReader(by: max(1, layout.reader.height - 2)) : select(selected + max(1, layout.list.height - 1))
        case .pageUp:
            return focus == .reader ? scrollReader(by: -max(1, layout.reader.height - 2)) : select(selected - max(1, layout.list.height - 1))
        case .open:
            focus = .reader
            return openSelected()
        case .switchPane:
            focus = focus == .list ? .reader : .list
            return focus == .reader && reader?.itemID != selectedItem?.id ? openSelected() : []
        case .spaceForward:
            if let reader, let view = reader.view, reader.top + layout.reader.height < view.lines.count {
                return scrollReader(by: max(1, layout.reader.height - 2))
            }
            return jumpToUnread(forward: true)
        case .nextUnread: return jumpToUnread(forward: true)
        case .previousUnread: return jumpToUnread(forward: false)
        case .toggleRead:
            guard let item = selectedItem else { return [] }
            let ids = library.idsForReadMark(item.id)
            return [.saveMarks(ids, library.isRead(item) ? .unread : .read, over: library.marks)]
        case .toggleStar:
            guard let item = selectedItem else { return [] }
            return [.saveMarks([item.id], library.isStarred(item) ? .unstar : .star, over: library.marks)]
        case .openOriginal:
            guard let url = selectedItem?.url else {
                message = StatusMessage(text: "这篇没有原文链接", isError: true)
                return []
            }
            return [.openURL(url)]
        case .showLinks:
            guard let item = selectedItem else { return [] }
            guard reader?.itemID == item.id else {
                reader = ReaderState(itemID: item.id)
                reader?.showsLinksWhenLoaded = true
                return [.loadDocument(item)]
            }
            showLinksOfOpenArticle()
            return []
        case .cycleFilter:
            filter = filter == .all ? .unread : filter == .unread ? .starred : .all
            refreshRows()
            scrollListToSelection()
            return []
        case .startSearch:
            isSearching = true
            if searchKeys.isEmpty { buildSearchKeys() }
            return hasSearchTexts ? [] : [.loadSearchTexts(library.items)]
        case .cancel:
            if !query.isEmpty {
                query = ""
                refreshRows()
                scrollListToSelection()
            }
            message = nil
            return []
        case .reload:
            isLoading = true
            return [.reload]
        case .quit: return [.quit]
        case .showHelp:
            overlay = .help(top: 0)
            return []
        case .widenList, .narrowList:
            if case .widenList = action { listPercent = min(70, listPercent + 5) } else { listPercent = max(20, listPercent - 5) }
            relayoutReader()
            scrollListToSelection()
            return []
        case .click(let x, let y): return click(x: x, y: y)
        case .wheel(let x, let y, let down):
            if layout.reader.contains(x: x, y: y) { return scrollReader(by: down ? 3 : -3) }
            if layout.list.contains(x: x, y: y) {
                listTop = max(0, min(max(0, rows.count - layout.list.height), listTop + (down ? 3 : -3)))
            }
            return []
        default:
            return applyReport(action)
        }
    }

    /// Reports from effects: they arrive in any mode.
    private mutating func applyReport(_ action: Action) -> [Effect] {
        switch action {
        case .documentLoaded(let id, let result):
            guard let current = reader, current.itemID == id else { return [] }
            switch result {
            case .success(let article):
                reader?.article = article
                reader?.failure = nil
                relayoutReader()
                if current.showsLinksWhenLoaded {
                    reader?.showsLinksWhenLoaded = false
                    if overlay == nil { showLinksOfOpenArticle() }
                }
                if current.marksReadWhenLoaded, let item = library.item(id), !library.isRead(item) {
                    reader?.marksReadWhenLoaded = false
                    return [.saveMarks([id], .read, over: library.marks)]
                }
            case .failure(let problem):
                reader?.failure = problem
                reader?.marksReadWhenLoaded = false
                reader?.showsLinksWhenLoaded = false
                message = StatusMessage(text: problem.description, isError: true)
            }
        case .marksSaved(let entries):
            applySavedMarks(entries)
            scrollListToSelection()
        case .marksFailed(let reason):
            message = StatusMessage(text: "未能保存标记：" + reason, isError: true)
        case .libraryLoaded(let snapshot, let marks):
            isLoading = false
            replaceLibrary(MarkedLibrary(items: snapshot.items, marks: marks.addingDefaults(snapshot.sourceMarks)))
            scrollListToSelection()
            let files = Set(snapshot.problems.map(\.path)).count
            message = snapshot.problems.isEmpty ? nil
                : StatusMessage(text: "\(files) 个文件有 \(snapshot.problems.count) 处问题（tsundoku check 查看）", isError: true)
        case .searchTextsLoaded(let texts):
            setSearchTexts(texts)
        case .linkOpened(let url):
            message = StatusMessage(text: "已打开 " + url, isError: false)
        default:
            break
        }
        return []
    }

    private mutating func applyInSearch(_ action: Action) -> [Effect]? {
        switch action {
        case .searchType(let character):
            query.append(character)
        case .searchErase:
            guard !query.isEmpty else { isSearching = false; return [] }
            query.removeLast()
        case .cancel:
            isSearching = false
            query = ""
        case .open:
            isSearching = false
            return []
        default:
            return nil
        }
        refreshRows()
        scrollListToSelection()
        return []
    }

    private mutating func applyInLinks(_ action: Action, current: Int) -> [Effect] {
        let links = reader?.view?.links ?? []
        switch action {
        case .cancel: overlay = nil
        case .moveDown: overlay = .links(selected: min(current + 1, max(links.count - 1, 0)))
        case .moveUp: overlay = .links(selected: max(current - 1, 0))
        case .open:
            overlay = nil
            return links.indices.contains(current) ? [.openURL(links[current])] : []
        case .chooseLink(let number):
            guard links.indices.contains(number - 1) else { return [] }
            overlay = nil
            return [.openURL(links[number - 1])]
        default:
            return applyReport(action)
        }
        return []
    }

    private mutating func select(_ row: Int) -> [Effect] {
        guard !rows.isEmpty else { return [] }
        selected = max(0, min(rows.count - 1, row))
        scrollListToSelection()
        return []
    }

    /// Opens the selected item in the reader, marking it read when the settings say so.
    /// Opens the selected item in the reader. It is marked read (when that is the setting) once
    /// its body has been read, so an item whose file has gone stays unread.
    private mutating func openSelected() -> [Effect] {
        guard let item = selectedItem else { return [] }
        let marks = markReadOnOpen && !library.isRead(item) && item.kind != .digest
        guard reader?.itemID == item.id, reader?.article != nil else {
            reader = ReaderState(itemID: item.id)
            reader?.marksReadWhenLoaded = marks
            return [.loadDocument(item)]
        }
        return marks ? [.saveMarks([item.id], .read, over: library.marks)] : []
    }

    private mutating func showLinksOfOpenArticle() {
        guard let links = reader?.view?.links, !links.isEmpty else {
            message = StatusMessage(text: "这篇文章里没有链接", isError: false)
            return
        }
        overlay = .links(selected: 0)
    }

    /// Keys while the help is shown: scroll it, or close it.
    private mutating func applyInHelp(_ action: Action, top: Int) {
        let last = max(0, Keymap.help.count - 1)
        switch action {
        case .cancel: overlay = nil
        case .moveDown: overlay = .help(top: min(last, top + 1))
        case .moveUp: overlay = .help(top: max(0, top - 1))
        case .pageDown, .spaceForward: overlay = .help(top: min(last, top + max(1, height - 6)))
        case .pageUp: overlay = .help(top: max(0, top - max(1, height - 6)))
        case .top: overlay = .help(top: 0)
        case .bottom: overlay = .help(top: last)
        default: break
        }
    }

    private mutating func jumpToUnread(forward: Bool) -> [Effect] {
        let candidates = forward ? Array(rows.indices.dropFirst(selected + 1)) : Array(rows.indices.prefix(selected).reversed())
        guard let next = candidates.first(where: {
            let item = library.items[rows[$0]]
            return item.kind != .digest && !library.isRead(item)
        }) else {
            message = StatusMessage(text: forward ? "后面没有未读了" : "前面没有未读了", isError: false)
            return []
        }
        selected = next
        scrollListToSelection()
        return openSelected()
    }

    private mutating func click(x: Int, y: Int) -> [Effect] {
        let layout = self.layout
        if layout.list.contains(x: x, y: y) {
            focus = .list
            return select(listTop + y - layout.list.y)
        }
        if layout.reader.contains(x: x, y: y) || layout.readerTitle.contains(x: x, y: y) {
            focus = .reader
            return reader == nil ? openSelected() : []
        }
        return []
    }

    private mutating func scrollReader(by delta: Int) -> [Effect] {
        guard let top = reader?.top else { return [] }
        return scrollReader(to: top + delta)
    }

    private mutating func scrollReader(to line: Int) -> [Effect] {
        guard let count = reader?.view?.lines.count else { return [] }
        let maximum = max(0, count - layout.reader.height)
        reader?.top = max(0, min(maximum, line))
        return []
    }

    /// Keeps the selected row on screen with a row of context above and below where possible.
    mutating func scrollListToSelection() {
        let height = max(1, layout.list.height)
        let context = height > 4 ? 1 : 0
        if selected - context < listTop { listTop = max(0, selected - context) }
        if selected + context >= listTop + height { listTop = selected + context - height + 1 }
        listTop = max(0, min(listTop, max(0, rows.count - height)))
    }

    /// Lays the article out again at the reader pane's width, keeping the reading position.
    mutating func relayoutReader() {
        guard var state = reader, let article = state.article, let item = library.item(state.itemID) else { return }
        let width = layout.articleWidth
        if let view = state.view, view.width == width { return }
        let fraction = state.view.map { $0.lines.isEmpty ? 0 : Double(state.top) / Double($0.lines.count) } ?? 0
        let digestTitle = item.parent.flatMap { library.item($0)?.title }
        let view = ArticleView(item: item, document: article.document, highlights: article.highlights,
                               digestTitle: digestTitle, width: width)
        state.view = view
        state.top = Int((fraction * Double(view.lines.count)).rounded(.down))
        reader = state
        _ = scrollReader(by: 0)
    }
}
