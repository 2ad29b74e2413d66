import TsundokuLibrary

/// Where an input changes state: what the person did, read in the current mode and overlay.
/// Pure: it returns the effects the runtime must carry out (load a body, save marks, open a
/// link) instead of doing them. Reports of those effects arrive through `receive`.
extension AppState {
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .start:
            isLoading = true
            return [.loadLibrary, .watchLibrary]
        case .resize(let width, let height):
            resize(width: width, height: height)
            scrollListToSelection()
            return relayoutReader()
        default:
            break
        }
        if message?.kind != .progress { message = nil }
        if !layout.fits {
            return action == .quit ? [.quit] : []
        }
        if case .links(let current) = overlay { return applyInLinks(action, current: current) }
        if case .tags(let current) = overlay { return applyInTags(action, current: current) }
        if case .highlights(let current) = overlay { return applyInHighlights(action, current: current) }
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
        case .links?, .tags?, .highlights?: return .picker
        case nil: return isSearching ? .search : .browse
        }
    }

    private mutating func applyInBrowse(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown: return focus == .reader ? scrollReader(by: 1) : select(selected + 1)
        case .moveUp: return focus == .reader ? scrollReader(by: -1) : select(selected - 1)
        case .top: return focus == .reader ? scrollReaderToEdge(end: false) : select(0)
        case .bottom: return focus == .reader ? scrollReaderToEdge(end: true) : select(rows.count - 1)
        case .pageDown:
            return focus == .reader ? scrollReader(by: max(1, layout.reader.height - 2)) : select(selected + max(1, layout.list.height - 1))
        case .pageUp:
            return focus == .reader ? scrollReader(by: -max(1, layout.reader.height - 2)) : select(selected - max(1, layout.list.height - 1))
        case .open:
            focus = .reader
            return openSelected()
        case .switchPane:
            focus = focus == .list ? .reader : .list
            return []
        case .spaceForward:
            if let reader, let view = reader.view,
               reader.top + layout.reader.height < view.lines.count || !(view.isComplete || view.isTail) {
                return scrollReader(by: max(1, layout.reader.height - 2))
            }
            return jumpToUnread(forward: true)
        case .nextUnread: return jumpToUnread(forward: true)
        case .previousUnread: return jumpToUnread(forward: false)
        case .toggleRead:
            guard let item = selectedItem else { return [] }
            let ids = library.idsForReadMark(item.id)
            return [.saveMarks(ids, isRead(itemAt: rows[selected]) ? .unread : .read, over: library.marks)]
        case .toggleStar:
            guard let item = selectedItem else { return [] }
            return [.saveMarks([item.id], isStarred(itemAt: rows[selected]) ? .unstar : .star, over: library.marks)]
        case .openOriginal:
            guard let url = selectedItem?.url else {
                message = StatusMessage(strings.noOriginalLink, .error)
                return []
            }
            return [.openURL(url)]
        case .showLinks:
            guard let item = selectedItem else { return [] }
            if reader?.itemID == item.id, reader?.article != nil {
                showLinksOfOpenArticle()
                return []
            }
            let loading = reader?.itemID == item.id && reader?.failure == nil
            let effects = loading ? [] : startReading(item)
            reader?.showsLinksWhenLoaded = true
            return effects
        case .cycleFilter:
            setFilter(filter == .all ? .unread : filter == .unread ? .starred : .all)
            scrollListToSelection()
            return preview()
        case .cycleOrder:
            let all = ItemOrder.allCases
            setOrder(all[(all.firstIndex(of: order)! + 1) % all.count])
            scrollListToSelection()
            message = StatusMessage(strings.sortedBy(strings.orderName(order.rawValue)), .info)
            return [.saveOrder(order)] + preview()
        case .fetchFeeds:
            guard !isFetching else {
                message = StatusMessage(strings.fetchAlreadyRunning, .info)
                return []
            }
            isFetching = true
            message = StatusMessage(strings.fetchingFeeds, .progress)
            return [.fetchFeeds]
        case .showHighlights:
            message = StatusMessage(strings.collectingHighlights, .progress)
            return [.loadHighlights(library.items)]
        case .showTags:
            tagCounts = library.tagCounts()
            guard !tagCounts.isEmpty else {
                message = StatusMessage(strings.noTags, .info)
                return []
            }
            let current = tag.flatMap { tag in tagCounts.firstIndex { $0.tag == tag } }
            overlay = .tags(selected: current.map { $0 + 1 } ?? 0)
            return []
        case .startSearch:
            setSearching(true, query: query)
            return searchEffects()
        case .cancel:
            if !query.isEmpty {
                setSearching(false, query: "")
                scrollListToSelection()
            }
            return searchEffects()
        case .reload:
            isLoading = true
            return [.loadLibrary]
        case .quit: return [.quit]
        case .showHelp:
            overlay = .help(top: 0)
            return []
        case .widenList, .narrowList:
            listPercent = action == .widenList ? min(70, listPercent + 5) : max(20, listPercent - 5)
            scrollListToSelection()
            return relayoutReader()
        case .click(let x, let y): return click(x: x, y: y)
        case .wheel(let x, let y, let down):
            if layout.reader.contains(x: x, y: y) { return scrollReader(by: down ? 3 : -3) }
            if layout.list.contains(x: x, y: y) {
                listTop = max(0, min(max(0, rows.count - layout.list.height), listTop + (down ? 3 : -3)))
            }
            return []
        case .start, .resize, .searchType, .searchErase, .chooseLink:
            return []
        }
    }

    private mutating func applyInSearch(_ action: Action) -> [Effect]? {
        switch action {
        case .searchType(let character):
            setSearching(true, query: query + String(character))
        case .searchErase:
            guard !query.isEmpty else {
                setSearching(false, query: "")
                return []
            }
            setSearching(true, query: String(query.dropLast()))
        case .cancel:
            setSearching(false, query: "")
        case .open:
            setSearching(false, query: query)
            return []
        default:
            return nil
        }
        scrollListToSelection()
        return preview() + searchEffects()
    }

    private mutating func applyInLinks(_ action: Action, current: Int) -> [Effect] {
        let links = reader?.view?.links ?? []
        let last = max(links.count - 1, 0)
        let page = max(1, height - 6)
        switch action {
        case .cancel: overlay = nil
        case .moveDown: overlay = .links(selected: min(current + 1, last))
        case .moveUp: overlay = .links(selected: max(current - 1, 0))
        case .pageDown: overlay = .links(selected: min(current + page, last))
        case .pageUp: overlay = .links(selected: max(current - page, 0))
        case .top: overlay = .links(selected: 0)
        case .bottom: overlay = .links(selected: last)
        case .open:
            overlay = nil
            return links.indices.contains(current) ? [.openURL(links[current])] : []
        case .chooseLink(let number):
            guard links.indices.contains(number - 1) else { return [] }
            overlay = nil
            return [.openURL(links[number - 1])]
        case .quit: return [.quit]
        default: break
        }
        return []
    }

    private mutating func applyInTags(_ action: Action, current: Int) -> [Effect] {
        let tags = tagCounts
        switch action {
        case .cancel: overlay = nil
        case .moveDown: overlay = .tags(selected: min(current + 1, tags.count))
        case .moveUp: overlay = .tags(selected: max(current - 1, 0))
        case .top: overlay = .tags(selected: 0)
        case .bottom: overlay = .tags(selected: tags.count)
        case .open:
            overlay = nil
            setTag(current == 0 || current > tags.count ? nil : tags[current - 1].tag)
            scrollListToSelection()
            return preview()
        case .quit: return [.quit]
        default: break
        }
        return []
    }

    /// Keys in the highlights view: move, and `open` goes to the highlight's article, shown in
    /// the list whatever the filter, tag or search had hidden.
    private mutating func applyInHighlights(_ action: Action, current: Int) -> [Effect] {
        let last = max(0, highlights.count - 1)
        let page = max(1, height - 6)
        switch action {
        case .cancel: overlay = nil
        case .moveDown: overlay = .highlights(selected: min(current + 1, last))
        case .moveUp: overlay = .highlights(selected: max(current - 1, 0))
        case .pageDown: overlay = .highlights(selected: min(current + page, last))
        case .pageUp: overlay = .highlights(selected: max(current - page, 0))
        case .top: overlay = .highlights(selected: 0)
        case .bottom: overlay = .highlights(selected: last)
        case .open:
            overlay = nil
            guard highlights.indices.contains(current), let index = library.index(of: highlights[current].itemID) else { return [] }
            if !rows.contains(index) {
                filter = .all
                tag = nil
                setSearching(false, query: "")
            }
            guard let row = rows.firstIndex(of: index) else { return searchEffects() }
            selected = row
            scrollListToSelection()
            focus = .reader
            return searchEffects() + openSelected()
        case .quit: return [.quit]
        default: break
        }
        return []
    }

    /// Keys while the help is shown: scroll it, or close it.
    private mutating func applyInHelp(_ action: Action, top: Int) {
        let last = max(0, KeyCommand.allCases.count - 1)
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

    /// Moves the selection and shows the newly selected item in the reader pane.
    private mutating func select(_ row: Int) -> [Effect] {
        guard !rows.isEmpty else { return [] }
        selected = max(0, min(rows.count - 1, row))
        scrollListToSelection()
        return preview()
    }

    /// The reader pane follows the selection: the selected item is loaded (off the UI loop) and
    /// shown without being marked read.
    /// `pausing`: the selection is moving (a key), so the load waits for it to settle.
    mutating func preview(pausing: Bool = true) -> [Effect] {
        guard let item = selectedItem, reader?.itemID != item.id else { return [] }
        return startReading(item, preview: pausing)
    }

    /// Opens the selected item in the reader (`Enter`). It is marked read (when that is the
    /// setting) once its body has been read, so an item whose file has gone stays unread.
    private mutating func openSelected() -> [Effect] {
        guard let item = selectedItem else { return [] }
        let marks = markReadOnOpen && !isRead(itemAt: rows[selected]) && item.kind != .digest
        if reader?.itemID == item.id, reader?.failure == nil {
            if reader?.article != nil { return marks ? [.saveMarks([item.id], .read, over: library.marks)] : [] }
            if reader?.loadWaitsForSelection == false {
                reader?.marksReadWhenLoaded = marks
                return []
            }
            // A preview still waiting for the selection to settle: asked for again, at once.
        }
        let effects = startReading(item)
        reader?.marksReadWhenLoaded = marks
        return effects
    }

    /// A fresh reader for `item` and the load of its body at the pane's width.
    private mutating func startReading(_ item: Item, preview: Bool = false) -> [Effect] {
        reader = ReaderState(itemID: item.id, loadWaitsForSelection: preview)
        return [.loadDocument(item, width: layout.articleWidth, digestTitle: digestTitle(of: item), preview: preview)]
    }

    func digestTitle(of item: Item) -> String? {
        item.parent.flatMap { library.item($0)?.title }
    }

    mutating func showLinksOfOpenArticle() {
        guard let links = reader?.view?.links, !links.isEmpty else {
            message = StatusMessage(strings.noLinksInArticle, .info)
            return
        }
        overlay = .links(selected: 0)
    }

    private mutating func jumpToUnread(forward: Bool) -> [Effect] {
        let candidates = forward ? Array(rows.indices.dropFirst(selected + 1)) : Array(rows.indices.prefix(selected).reversed())
        guard let next = candidates.first(where: { !isRead(itemAt: rows[$0]) && library.items[rows[$0]].kind != .digest }) else {
            message = StatusMessage(strings.noMoreUnread(forward: forward), .info)
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

    /// `g` and `G` in the reader: its first line or its end. While a long article is laid out,
    /// the part laid out alone for that edge is shown (its first screen, or its end); `G`
    /// before its end is there waits for it where it is (the first screen's last line is not
    /// the end, and moving there first would be a jump for nothing).
    private mutating func scrollReaderToEdge(end: Bool) -> [Effect] {
        if reader != nil, reader?.view == nil, reader?.failure == nil {
            // Nothing shown yet (`Enter G` typed at once): the end is shown when it is there.
            reader?.followsEnd = end
            return []
        }
        guard let other = reader?.otherPart, other.isTail == end, let shown = reader?.view else {
            if end, let view = reader?.view, !view.isComplete, !view.isTail {
                reader?.followsEnd = true
                return []
            }
            return scrollReader(to: end ? Int.max : 0)
        }
        reader?.view = other
        reader?.otherPart = shown
        return scrollReader(to: end ? Int.max : 0, moved: true)
    }

    /// Scrolls the reader; a move the person made (`moved`: to another part of a long article)
    /// is remembered as the article's reading position, and reaching the end marks the article
    /// read when that is the setting.
    mutating func scrollReader(to line: Int, moved: Bool = false) -> [Effect] {
        guard let view = reader?.view, let id = reader?.itemID else { return [] }
        let height = layout.reader.height
        let maximum = max(0, view.lines.count - height)
        let before = reader?.top
        reader?.top = max(0, min(maximum, line))
        reader?.followsEnd = !view.isComplete && line >= maximum
        guard let top = reader?.top, top != before || moved else { return [] }
        reader?.pendingPosition = nil
        var effects: [Effect] = [.savePosition(id, view.position(top: top, height: height), over: library.marks)]
        if markReadAtEnd, view.isComplete || view.isTail, top >= maximum, reader?.markedReadAtEnd == false,
           let index = library.index(of: id), !isRead(itemAt: index) {
            reader?.markedReadAtEnd = true
            effects.append(.saveMarks(library.idsForReadMark(id), .read, over: library.marks))
        }
        return effects
    }

    /// Keeps the selected row on screen with a row of context above and below where possible.
    mutating func scrollListToSelection() {
        let height = max(1, layout.list.height)
        let context = height > 4 ? 1 : 0
        if selected - context < listTop { listTop = max(0, selected - context) }
        if selected + context >= listTop + height { listTop = selected + context - height + 1 }
        listTop = max(0, min(listTop, max(0, rows.count - height)))
    }

    /// Asks for the article to be laid out again when the reader pane's width changed (the
    /// first part of a long article waits for the whole, which is then laid out anew).
    func relayoutReader() -> [Effect] {
        guard let reader, let article = reader.article, !article.isPart, let item = library.item(reader.itemID),
              article.view.width != layout.articleWidth, reader.view?.width != layout.articleWidth else { return [] }
        return [.layOut(item, article, width: layout.articleWidth, digestTitle: digestTitle(of: item))]
    }
}
