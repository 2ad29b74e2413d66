import TsundokuLibrary

/// Where a report changes state: what an effect found. Reports are applied in every mode,
/// overlay and screen size; a report about something the person has left (a body for an item no
/// longer in the reader) changes nothing.
extension AppState {
    public mutating func receive(_ report: Report) -> [Effect] {
        switch report {
        case .loadProgress(let files):
            message = StatusMessage(strings.loading(filesRead: files), .progress)
        case .libraryPartlyLoaded(let partial, let files):
            guard isLoading else { return [] }
            replaceLibraryInPlace(partial)
            libraryIsPartial = true
            message = StatusMessage(strings.loading(filesRead: files), .progress)
            return preview()
        case .libraryLoaded(let snapshot, let marks, let stateProblem):
            isLoading = false
            if message?.kind == .progress { message = nil }
            let library = MarkedLibrary(items: snapshot.items, marks: marks.addingDefaults(snapshot.sourceMarks), lookup: snapshot.lookup)
            let arrived = countsArrivals ? Self.newArticles(in: library, since: self.library) : 0
            countsArrivals = false
            if libraryIsPartial {
                replaceLibraryInPlace(library)
                libraryIsPartial = false
            } else {
                replaceLibrary(library)
                scrollListToSelection()
            }
            if arrived > 0 {
                message = StatusMessage(strings.arrived(arrived), .info)
            } else if let stateProblem {
                message = StatusMessage(strings.stateUnreadable(stateProblem), .error)
            } else if !snapshot.problems.isEmpty {
                let files = Set(snapshot.problems.map(\.path)).count
                message = StatusMessage(strings.libraryProblems(files: files, problems: snapshot.problems.count), .error)
            }
            if let reader, library.item(reader.itemID) == nil { self.reader = nil }
            return preview(pausing: false) + searchEffects()
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
                let relayout = relayoutReader()
                if current.marksReadWhenLoaded, let index = library.index(of: id), !isRead(itemAt: index) {
                    reader?.marksReadWhenLoaded = false
                    return [.saveMarks([id], .read, over: library.marks)] + relayout
                }
                return relayout
            case .failure(let problem):
                reader?.failure = problem
                reader?.marksReadWhenLoaded = false
                reader?.showsLinksWhenLoaded = false
                message = StatusMessage(problem.description, .error)
            }
        case .laidOut(let id, let view):
            guard reader?.itemID == id, view.width == layout.articleWidth else { return [] }
            showView(view)
        case .marksSaved(let entries), .positionsSaved(let entries):
            applySavedMarks(entries)
            scrollListToSelection()
        case .marksFailed(let reason):
            message = StatusMessage(strings.marksNotSaved(reason), .error)
        case .searchKeysBuilt(let keys):
            setSearchKeys(keys)
            return preview()
        case .searchTextsReady(let ids):
            if message?.kind == .progress, !isLoading, !isFetching { message = nil }
            return setSearchTextsReady(ids)
        case .searchTextsProgress(let done, let total):
            if search.textsPreparing, message == nil || message?.kind == .progress {
                message = StatusMessage(strings.preparingSearch(done: done, total: total), .progress)
            }
        case .searchTextsFailed(let reason):
            // Not asked again for this library: titles are still searched.
            message = StatusMessage(strings.searchTextsFailed(reason), .error)
        case .textMatches(let number, let indices, let complete):
            if search.receiveTextMatches(number: number, indices: indices, complete: complete) {
                if !mergeTextMatches(indices) { refreshRows() }
                scrollListToSelection()
                // The selected row may be another item now (the first match arrived): shown.
                return preview()
            }
        case .libraryChanged:
            guard !isLoading else { return [] }
            isLoading = true
            countsArrivals = true
            return [.loadLibrary]
        case .fetchProgress(let done, let total):
            if isFetching, message == nil || message?.kind == .progress {
                message = StatusMessage(strings.fetchingProgress(done: done, total: total), .progress)
            }
        case .feedsFetched(let summary):
            isFetching = false
            guard summary.feeds > 0 else {
                message = StatusMessage(strings.noFeeds, .info)
                return []
            }
            let stop = strings.language == .chinese ? "。" : ". "
            var text = strings.fetchSummary(feeds: summary.feeds, added: summary.added, failed: summary.failures.count)
            if !summary.failures.isEmpty { text += stop + strings.fetchFailures(summary.failures) }
            if !summary.skippedLines.isEmpty { text += stop + strings.urlsLinesSkipped(summary.skippedLines) }
            message = StatusMessage(text, summary.failures.isEmpty && summary.skippedLines.isEmpty ? .info : .error)
            guard summary.added > 0, !isLoading else { return [] }
            isLoading = true
            return [.loadLibrary]
        case .highlightsLoaded(let found):
            if message?.kind == .progress { message = nil }
            highlights = found
            if found.isEmpty {
                message = StatusMessage(strings.noHighlights, .info)
            } else if overlay == nil {
                overlay = .highlights(selected: 0)
            }
        case .orderNotSaved(let reason):
            message = StatusMessage(strings.orderNotSaved(reason), .error)
        case .linkOpened(let url):
            message = StatusMessage(strings.opened(url), .info)
        case .linkNotOpened(let reason):
            message = StatusMessage(reason, .error)
        }
        return []
    }

    /// How many top-level items of `library` `previous` did not have, read where the items lie
    /// (a copy of each item, or a set of the old ids, cost 100 ms of the UI loop at 100,000).
    private static func newArticles(in library: MarkedLibrary, since previous: MarkedLibrary) -> Int {
        library.items.withUnsafeBufferPointer { items in
            items.indices.count { !items[$0].hasParent && previous.index(of: items[$0].id) == nil }
        }
    }

    /// Shows a laid-out view, keeping the reading position: the same line when the rest of an
    /// article arrives after its first screen (whose lines it begins with), the same place in
    /// the text when it was laid out again at another width, and where the reader last stopped
    /// when the article is shown for the first time.
    private mutating func showView(_ view: ArticleView) {
        guard var state = reader else { return }
        let height = layout.reader.height
        if view.isTail || state.view?.isTail == true, !view.isComplete {
            showPart(view, in: &state)
            reader = state
            _ = scrollReader(to: state.top)
            return
        }
        if let old = state.view, old.isTail, old.width == view.width {
            // The whole below the end being read: the same lines, counted from the end.
            state.top = view.lines.count - (old.lines.count - state.top)
        } else if let old = state.view, !old.isComplete, old.width == view.width {
            state.top = state.followsEnd ? Int.max : state.top
            if let pending = state.pendingPosition, let line = view.line(of: pending, height: height) {
                state.top = line
                state.pendingPosition = nil
            }
        } else if let old = state.view {
            let place = old.position(top: state.top, height: height)
            state.top = view.line(of: place, height: height) ?? state.top
        } else if let saved = library.marks.position(of: state.itemID), saved.isStarted {
            // On the first screen of a long article only a place within it can be shown now.
            if let line = view.line(of: saved, height: height), view.isComplete || line <= view.lines.count - height {
                state.top = line
            } else {
                state.pendingPosition = saved
            }
        }
        // `G` pressed before anything was shown: the end of a whole view at once, else when
        // the end arrives.
        let followsEnd = state.view == nil && state.followsEnd
        if followsEnd, view.isComplete { state.top = Int.max }
        if view.isComplete { state.otherPart = nil }
        state.view = view
        reader = state
        _ = scrollReader(to: state.top)
        if followsEnd, !view.isComplete { reader?.followsEnd = true }
    }

    /// A part of a long article while its whole is laid out: the end is shown at once when `G`
    /// asked for it or a saved position lies in it, else kept for `G`; a first screen arriving
    /// while the end is shown is kept for `g`.
    private func showPart(_ view: ArticleView, in state: inout ReaderState) {
        guard let shown = state.view, !shown.isComplete, shown.width == view.width else { return }
        guard view.isTail else {
            state.otherPart = view
            return
        }
        let height = layout.reader.height
        if state.followsEnd {
            state.top = Int.max
        } else if let pending = state.pendingPosition, let line = view.line(of: pending, height: height) {
            state.top = line
            state.pendingPosition = nil
        } else {
            state.otherPart = view
            return
        }
        state.otherPart = shown
        state.view = view
    }
}
