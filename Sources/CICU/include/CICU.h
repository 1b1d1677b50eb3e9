// CICU: unversioned C entry points over system ICU.
//
// ICU renames its C symbols per release (ubrk_open_72), so Swift cannot bind to them
// through a plain module map. This header exposes the few operations VietSearch needs
// under stable names. It is the only place that sees ICU; no ICU header is included here.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Word kinds reported by `cicu_words_break`, from ICU's word-break rule status.
enum {
    CICU_WORD_NUMBER = 1,  ///< UBRK_WORD_NUMBER: digits, possibly with "." or "," inside
    CICU_WORD_LETTER = 2,  ///< UBRK_WORD_LETTER and other word statuses (kana, ideographs)
};

/// A per-thread analysis context: a word break iterator, an NFC normalizer and buffers.
/// Not thread-safe; open one per thread.
typedef struct cicu_context cicu_context;

/// Opens a context. On failure returns NULL and writes ICU's error name into `error`.
cicu_context *cicu_context_open(char *error, int32_t error_capacity);
void cicu_context_close(cicu_context *context);

/// Runs ICU's word break iterator (root rules, UAX #29) over UTF-8 `text` and keeps the
/// segments whose rule status marks a word (letters or numbers), skipping spaces,
/// punctuation and symbols. Returns the number of words; `*spans` then points at
/// 3 * count int32 values owned by the context: start byte, end byte, kind.
/// Returns -1 on an ICU error.
int32_t cicu_words_break(cicu_context *context, const char *text, int32_t length,
                         const int32_t **spans);

/// How the analyzer's common-case word breaker may treat a code point, from ICU's
/// properties (see `cicu_word_break_class`).
enum {
    CICU_BREAK_UNSURE = 0,     ///< anything else: only ICU's iterator decides around it
    CICU_BREAK_LETTER = 1,     ///< Word_Break=ALetter
    CICU_BREAK_SEPARATOR = 2,  ///< Word_Break=Other, not Extended_Pictographic
};

/// The class of one code point for the common-case word breaker: a letter or a separator
/// only when its UAX #29 rules are the plain ones (no dictionary, Han, kana or Hangul;
/// NFC_Quick_Check=Yes and canonical combining class 0, so a text made of such code
/// points is NFC); else CICU_BREAK_UNSURE. ICU's root rules tailor some ASCII (`@` is a
/// letter there); the caller writes ASCII out itself.
int32_t cicu_word_break_class(uint32_t code_point);

/// 1 when UTF-8 `text` is already in NFC, 0 when it is not, -1 on error.
int32_t cicu_is_nfc(cicu_context *context, const char *text, int32_t length);

/// Normalizes UTF-8 `text` to NFC into a buffer owned by the context (valid until the next
/// call) and remembers the edits. Returns the output length, or -1 on error.
int32_t cicu_nfc(cicu_context *context, const char *text, int32_t length, const char **output);

/// Maps byte offsets in the last `cicu_nfc` output back to offsets in its input, in place.
void cicu_nfc_source_offsets(cicu_context *context, int32_t *offsets, int32_t count);

/// NFC of UTF-8 `text`. Same buffer contract as `cicu_lower`.
int32_t cicu_compose_text(const char *text, int32_t length, char *output, int32_t capacity);

/// Full Unicode lowercase (root locale) of UTF-8 `text`, then NFC. Writes at most
/// `capacity` bytes and returns the length the result needs (-1 on error).
int32_t cicu_lower(const char *text, int32_t length, char *output, int32_t capacity);

/// Diacritic folding: lowercase, NFD, remove nonspacing marks, map đ/Đ/Ð/ð to d, NFC.
/// Same buffer contract as `cicu_lower`.
int32_t cicu_fold(const char *text, int32_t length, char *output, int32_t capacity);

/// The canonical decomposition (NFD) of one code point into `output` (UTF-32).
/// Returns the number of code points (1 when it does not decompose).
int32_t cicu_decompose(uint32_t code_point, uint32_t *output, int32_t capacity);

/// The canonical composition (NFC) of UTF-32 `input`; returns the number of code points.
int32_t cicu_compose(const uint32_t *input, int32_t length, uint32_t *output, int32_t capacity);

/// Simple lowercase mapping of one code point (u_tolower).
uint32_t cicu_simple_lower(uint32_t code_point);

/// 1 when the code point is a nonspacing mark (general category Mn).
int32_t cicu_is_nonspacing_mark(uint32_t code_point);

/// Converts bytes in a legacy `charset` (for example "windows-1258") to UTF-8. Writes at
/// most `capacity` bytes; returns the needed length, or -1 when the charset is unknown.
/// `*substitutions` is set to 1 when some bytes had no mapping.
int32_t cicu_to_utf8(const char *charset, const char *text, int32_t length, char *output,
                     int32_t capacity, int32_t *substitutions);

/// ICU's version, for example "72.1".
const char *cicu_version(void);

#ifdef __cplusplus
}
#endif

#endif
