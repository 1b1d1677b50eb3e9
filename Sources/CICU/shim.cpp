// Wrappers over ICU's C and C++ APIs with unversioned names. See include/CICU.h.
#include "CICU.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uclean.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

#include <cstring>
#include <string>
#include <vector>

using namespace icu;

struct cicu_context {
    UBreakIterator *words = nullptr;
    UText *text = nullptr;
    const Normalizer2 *nfc = nullptr;
    Edits edits;
    std::string normalized;
    std::vector<int32_t> spans;
};

extern "C" cicu_context *cicu_context_open(char *error, int32_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    auto *context = new cicu_context();
    context->words = ubrk_open(UBRK_WORD, "", nullptr, 0, &status);
    if (U_SUCCESS(status)) context->nfc = Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        if (error && error_capacity > 0) {
            std::strncpy(error, u_errorName(status), (size_t)error_capacity - 1);
            error[error_capacity - 1] = 0;
        }
        cicu_context_close(context);
        return nullptr;
    }
    return context;
}

extern "C" void cicu_context_close(cicu_context *context) {
    if (!context) return;
    if (context->words) ubrk_close(context->words);
    if (context->text) utext_close(context->text);
    delete context;
}

extern "C" int32_t cicu_words_break(cicu_context *context, const char *text, int32_t length,
                                    const int32_t **spans) {
    UErrorCode status = U_ZERO_ERROR;
    context->text = utext_openUTF8(context->text, text, length, &status);
    ubrk_setUText(context->words, context->text, &status);
    if (U_FAILURE(status)) return -1;
    context->spans.clear();
    int32_t start = ubrk_first(context->words);
    for (int32_t end = ubrk_next(context->words); end != UBRK_DONE;
         start = end, end = ubrk_next(context->words)) {
        int32_t rule = ubrk_getRuleStatus(context->words);
        if (rule < UBRK_WORD_NONE_LIMIT) continue;
        int32_t kind = (rule < UBRK_WORD_NUMBER_LIMIT) ? CICU_WORD_NUMBER : CICU_WORD_LETTER;
        context->spans.push_back(start);
        context->spans.push_back(end);
        context->spans.push_back(kind);
    }
    *spans = context->spans.data();
    return (int32_t)(context->spans.size() / 3);
}

extern "C" int32_t cicu_word_break_class(uint32_t code_point) {
    UChar32 c = (UChar32)code_point;
    UErrorCode status = U_ZERO_ERROR;
    const Normalizer2 *nfc = Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || nfc->getCombiningClass(c) != 0) return CICU_BREAK_UNSURE;
    UnicodeString one(c);
    if (nfc->quickCheck(one, status) != UNORM_YES || U_FAILURE(status)) return CICU_BREAK_UNSURE;
    if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return CICU_BREAK_UNSURE;
    UScriptCode script = (UScriptCode)u_getIntPropertyValue(c, UCHAR_SCRIPT);
    if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
        script == USCRIPT_HANGUL)
        return CICU_BREAK_UNSURE;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return CICU_BREAK_LETTER;
    case U_WB_OTHER:
        return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ? CICU_BREAK_UNSURE : CICU_BREAK_SEPARATOR;
    default: return CICU_BREAK_UNSURE;
    }
}

extern "C" int32_t cicu_is_nfc(cicu_context *context, const char *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    UBool yes = context->nfc->isNormalizedUTF8(StringPiece(text, length), status);
    if (U_FAILURE(status)) return -1;
    return yes ? 1 : 0;
}

extern "C" int32_t cicu_nfc(cicu_context *context, const char *text, int32_t length,
                            const char **output) {
    UErrorCode status = U_ZERO_ERROR;
    context->normalized.clear();
    context->edits.reset();
    StringByteSink<std::string> sink(&context->normalized);
    context->nfc->normalizeUTF8(0, StringPiece(text, length), sink, &context->edits, status);
    if (U_FAILURE(status)) return -1;
    *output = context->normalized.data();
    return (int32_t)context->normalized.size();
}

extern "C" void cicu_nfc_source_offsets(cicu_context *context, int32_t *offsets, int32_t count) {
    UErrorCode status = U_ZERO_ERROR;
    Edits::Iterator it = context->edits.getFineIterator();
    for (int32_t i = 0; i < count; i++) {
        int32_t mapped = it.sourceIndexFromDestinationIndex(offsets[i], status);
        if (U_SUCCESS(status)) offsets[i] = mapped;
    }
}

static int32_t copy_out(const std::string &s, char *output, int32_t capacity) {
    int32_t n = (int32_t)s.size();
    if (n <= capacity) std::memcpy(output, s.data(), (size_t)n);
    return n;
}

static bool lower_nfc(const char *text, int32_t length, std::string &out) {
    UErrorCode status = U_ZERO_ERROR;
    std::string lowered;
    StringByteSink<std::string> lowerSink(&lowered);
    CaseMap::utf8ToLower("", 0, StringPiece(text, length), lowerSink, nullptr, status);
    const Normalizer2 *nfc = Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return false;
    StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, lowered, sink, nullptr, status);
    return U_SUCCESS(status);
}

extern "C" int32_t cicu_compose_text(const char *text, int32_t length, char *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const Normalizer2 *nfc = Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return -1;
    std::string out;
    StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, StringPiece(text, length), sink, nullptr, status);
    if (U_FAILURE(status)) return -1;
    return copy_out(out, output, capacity);
}

extern "C" int32_t cicu_lower(const char *text, int32_t length, char *output, int32_t capacity) {
    std::string out;
    if (!lower_nfc(text, length, out)) return -1;
    return copy_out(out, output, capacity);
}

extern "C" int32_t cicu_fold(const char *text, int32_t length, char *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    std::string lowered;
    if (!lower_nfc(text, length, lowered)) return -1;
    const Normalizer2 *nfd = Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) return -1;
    UnicodeString decomposed = nfd->normalize(UnicodeString::fromUTF8(lowered), status);
    if (U_FAILURE(status)) return -1;
    UnicodeString kept;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (c == 0x0111 || c == 0x0110 || c == 0x00D0 || c == 0x00F0) c = 'd';
        kept.append(c);
    }
    const Normalizer2 *nfc = Normalizer2::getNFCInstance(status);
    UnicodeString composed = nfc->normalize(kept, status);
    if (U_FAILURE(status)) return -1;
    std::string out;
    composed.toUTF8String(out);
    return copy_out(out, output, capacity);
}

extern "C" int32_t cicu_decompose(uint32_t code_point, uint32_t *output, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const Normalizer2 *nfd = Normalizer2::getNFDInstance(status);
    UnicodeString d;
    if (U_FAILURE(status) || !nfd->getDecomposition((UChar32)code_point, d)) {
        if (capacity > 0) output[0] = code_point;
        return 1;
    }
    int32_t n = 0;
    for (int32_t i = 0; i < d.length();) {
        UChar32 c = d.char32At(i);
        i += U16_LENGTH(c);
        if (n < capacity) output[n] = (uint32_t)c;
        n++;
    }
    return n;
}

extern "C" int32_t cicu_compose(const uint32_t *input, int32_t length, uint32_t *output,
                                int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const Normalizer2 *nfc = Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return -1;
    UnicodeString s;
    for (int32_t i = 0; i < length; i++) s.append((UChar32)input[i]);
    UnicodeString c = nfc->normalize(s, status);
    int32_t n = 0;
    for (int32_t i = 0; i < c.length();) {
        UChar32 cp = c.char32At(i);
        i += U16_LENGTH(cp);
        if (n < capacity) output[n] = (uint32_t)cp;
        n++;
    }
    return n;
}

extern "C" uint32_t cicu_simple_lower(uint32_t code_point) {
    return (uint32_t)u_tolower((UChar32)code_point);
}

extern "C" int32_t cicu_is_nonspacing_mark(uint32_t code_point) {
    return u_charType((UChar32)code_point) == U_NON_SPACING_MARK ? 1 : 0;
}

extern "C" int32_t cicu_to_utf8(const char *charset, const char *text, int32_t length,
                                char *output, int32_t capacity, int32_t *substitutions) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -1;
    // Report unmapped bytes: stop on them once to learn whether any exist.
    UErrorCode probe = U_ZERO_ERROR;
    ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &probe);
    std::vector<UChar> scratch((size_t)length * 2 + 16);
    ucnv_toUChars(from, scratch.data(), (int32_t)scratch.size(), text, length, &probe);
    *substitutions = (probe == U_INVALID_CHAR_FOUND || probe == U_ILLEGAL_CHAR_FOUND) ? 1 : 0;
    ucnv_reset(from);
    ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
    int32_t units = ucnv_toUChars(from, scratch.data(), (int32_t)scratch.size(), text, length, &status);
    ucnv_close(from);
    if (U_FAILURE(status)) return -1;
    int32_t needed = 0;
    UErrorCode utf8Status = U_ZERO_ERROR;
    u_strToUTF8(output, capacity, &needed, scratch.data(), units, &utf8Status);
    if (U_FAILURE(utf8Status) && utf8Status != U_BUFFER_OVERFLOW_ERROR) return -1;
    return needed;
}

extern "C" const char *cicu_version(void) {
    static char text[U_MAX_VERSION_STRING_LENGTH] = {0};
    if (!text[0]) {
        UVersionInfo v;
        u_getVersion(v);
        u_versionToString(v, text);
    }
    return text;
}
