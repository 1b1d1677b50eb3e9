import CICU

/// Finds the word segments ICU's word break iterator finds, without ICU for the common
/// case: Latin letters (Vietnamese ones included) and ASCII digits between spaces and
/// punctuation. ICU stays the definition; this is a shortcut that must give the same
/// spans (the differential tests hold it to that), and it hands ICU every stretch of text
/// it is not sure of.
///
/// The text is cut into runs at boundaries no rule of UAX #29 reaches across: after a code
/// point that breaks on both sides (`WordBreakClass.endsRun`: a space, a separator) and
/// before one that is not `unsure` (not a mark, which WB4 would attach, nor an apostrophe,
/// an emoji, another script...), except inside a run of spaces and inside CR LF (both
/// non-word segments either way). ICU matches each segment afresh from the boundary before
/// it (the `^` of its rule 4 applies there, to marks only, and no run starts with one),
/// and no rule looks past a separator, so ICU over a run alone gives the spans it gives
/// over the whole text. A run made of letters, digits, `.`, `,`, `;`, `:` and
/// separators is segmented here by UAX #29's rules for those classes (WB5–WB8, WB11,
/// WB12); a run with anything else, a letter next to a digit (ICU's rule status for `a1`
/// is its number status), or a colon between letters, is left to ICU, consecutive such
/// runs in one call.
final class CommonWordBreaker {
    private let table = WordBreakTable.shared
    /// Spans found: start, end, kind (`CICU_WORD_NUMBER` or `CICU_WORD_LETTER`), as ICU's.
    private var spans: UnsafeMutablePointer<Int32>
    private var count = 0
    private var capacity = 3 * 1024
    /// Runs left to ICU and not yet given to it, during `words`: their text range (start
    /// -1 when none) and the span index their spans go at.
    private var pendingStart = -1
    private var pendingEnd = 0
    private var pendingSpans = 0

    init() {
        spans = .allocate(capacity: capacity)
    }

    deinit { spans.deallocate() }

    /// The word spans of UTF-8 `text`, as `ICUContext.words` gives them, valid until the
    /// next call; and whether every run was decided without ICU (then the text is also
    /// NFC: every code point that is not `unsure` passes NFC's quick check on its own).
    func words(_ text: UnsafeBufferPointer<UInt8>, icu: ICUContext) -> (
        spans: UnsafeBufferPointer<Int32>, decidedAlone: Bool
    ) {
        count = 0
        var decidedAlone = true
        var runStart = 0
        var runSpans = 0
        var runIsSure = true
        pendingStart = -1
        var wordStart = -1
        var wordIsNumber = false
        var previous = WordBreakClass.separator
        var index = 0

        while index < text.count {
            var (kind, width) = classify(text, index)
            if previous.endsRun && kind != .unsure && !(previous == .space && kind == .space)
                && !(previous == .carriageReturn && text[index] == 0x0A)
            {
                if index > runStart {
                    finishRun(runStart, runSpans, runIsSure, end: index, text, icu: icu)
                    decidedAlone = decidedAlone && runIsSure
                }
                runStart = index
                runSpans = count
                runIsSure = true
            }
            previous = kind
            defer { index += width }
            guard runIsSure else { continue }
            switch kind {
            case .letter, .digit:
                let isNumber = kind == .digit
                if wordStart < 0 {
                    wordStart = index
                    wordIsNumber = isNumber
                } else if wordIsNumber != isNumber {
                    runIsSure = false
                }
                // The word's next letters (digits) change nothing: step over them at once.
                while runIsSure && index + width < text.count {
                    let next = classify(text, index + width)
                    guard next.kind == kind else { break }
                    width += next.width
                }
            case .fullStop, .numberSeparator, .colon:
                guard wordStart >= 0 else { continue }
                let next = index + 1 < text.count ? classify(text, index + 1).kind : .separator
                if wordIsNumber ? (next == .digit && kind != .colon) : (next == .letter && kind == .fullStop) {
                    continue  // WB6/WB7, WB11/WB12: the word goes on
                }
                if !wordIsNumber && next == .letter && kind == .colon {
                    runIsSure = false
                } else {
                    append(wordStart, index, wordIsNumber)
                    wordStart = -1
                }
            case .space, .carriageReturn, .separator:
                if wordStart >= 0 {
                    append(wordStart, index, wordIsNumber)
                    wordStart = -1
                }
            case .unsure:
                runIsSure = false
            }
            if !runIsSure {
                count = runSpans
                wordStart = -1
            }
        }
        if runIsSure && wordStart >= 0 { append(wordStart, text.count, wordIsNumber) }
        finishRun(runStart, runSpans, runIsSure, end: text.count, text, icu: icu)
        decidedAlone = decidedAlone && runIsSure
        if pendingStart >= 0 { insertICUSpans(text, pendingStart, pendingEnd, at: pendingSpans, icu: icu) }
        return (UnsafeBufferPointer(start: spans, count: count), decidedAlone)
    }

    /// Ends the run `runStart..<end`, whose spans start at span index `runSpans`: a run
    /// decided here first lets ICU segment the runs pending before it; a run left to ICU
    /// joins them.
    @inline(__always)
    private func finishRun(
        _ runStart: Int, _ runSpans: Int, _ runIsSure: Bool, end: Int, _ text: UnsafeBufferPointer<UInt8>,
        icu: ICUContext
    ) {
        if runIsSure {
            guard pendingStart >= 0 else { return }
            insertICUSpans(text, pendingStart, pendingEnd, at: pendingSpans, icu: icu)
            pendingStart = -1
        } else {
            if pendingStart < 0 {
                pendingStart = runStart
                pendingSpans = runSpans
            }
            pendingEnd = end
        }
    }

    /// The class of the code point at `index` and its width in bytes.
    @inline(__always)
    private func classify(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> (kind: WordBreakClass, width: Int) {
        let lead = text[index]
        if lead < 0x80 { return (table.kind(UInt32(lead)), 1) }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        // Four-byte code points are all above the table; a stray byte is ICU's to judge.
        guard width < 4, lead >= 0xC2, index + width <= text.count else { return (.unsure, lead < 0xC2 ? 1 : width) }
        var value = UInt32(lead & (width == 2 ? 0x1F : 0x0F))
        for k in 1..<width { value = value << 6 | UInt32(text[index + k] & 0x3F) }
        return (table.kind(value), width)
    }

    @inline(__always)
    private func append(_ start: Int, _ end: Int, _ isNumber: Bool) {
        reserve(3)
        spans[count] = Int32(start)
        spans[count + 1] = Int32(end)
        spans[count + 2] = Int32(isNumber ? CICU_WORD_NUMBER : CICU_WORD_LETTER)
        count += 3
    }

    /// ICU's spans of `text[start..<end]`, shifted to offsets in `text`, inserted at span
    /// index `at` (before the spans of the runs after them).
    private func insertICUSpans(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, at position: Int, icu: ICUContext
    ) {
        let found = icu.words(UnsafeBufferPointer(rebasing: text[start..<end]))
        guard found.count > 0 else { return }
        reserve(found.count)
        UnsafeMutableRawPointer(spans + position + found.count).copyMemory(
            from: spans + position, byteCount: (count - position) * MemoryLayout<Int32>.stride)
        for i in stride(from: 0, to: found.count, by: 3) {
            spans[position + i] = found[i] + Int32(start)
            spans[position + i + 1] = found[i + 1] + Int32(start)
            spans[position + i + 2] = found[i + 2]
        }
        count += found.count
    }

    @inline(__always)
    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: max(capacity * 2, count + extra))
        grown.moveInitialize(from: spans, count: count)
        spans.deallocate()
        spans = grown
        capacity = max(capacity * 2, count + extra)
    }
}
