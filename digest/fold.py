"""Text folding for search: Vietnamese with or without tone marks, and the letter đ.

Unicode decomposes almost every Vietnamese letter into a base letter and combining
marks ("ệ" → "e" + U+0323 + U+0302, "ư" → "u" + U+031B), so stripping the marks folds
them. Two letters have no decomposition: "đ" (U+0111) and "Đ" (U+0110). Generic accent
stripping, Pagefind's included, leaves them alone, and "dang" never finds "Đăng".

Two tools, for the two places folding happens:

- `fold(text)` is the full folding: lower case, marks stripped, đ → d. "Phạm Quốc Đăng"
  → "pham quoc dang". Used to compare texts the way a reader types them (tests, aliases).
- `mark_stroke(text)` rewrites đ/Đ as d/D followed by the combining short stroke overlay
  (U+0335). The result is a *decomposable* letter: any folder that strips combining marks
  (Pagefind's does) turns it into d, while an exact comparison still tells "d̵" from "d".
  The indexer feeds Pagefind marked text, and the browser marks the reader's query the
  same way (`overrides/assets/javascripts/search.js`, `markStroke`), so "dang" finds
  "Đăng" and "Đăng" ranks a page holding "Đăng" above one holding "dang".
  `unmark_stroke` undoes it for display.
"""

from __future__ import annotations

import unicodedata

#: Combining short stroke overlay: written after d/D it stands for đ/Đ in the search index.
STROKE = "\u0335"

#: Letters with a stroke and no Unicode decomposition, with the letter they fold to.
NO_DECOMPOSITION = {"đ": "d", "Đ": "D"}


def strip_marks(text: str) -> str:
    """Remove combining marks after canonical decomposition ("Hải Phòng" → "Hai Phong")."""
    decomposed = unicodedata.normalize("NFD", text)
    # str.replace per distinct mark: a text holds few distinct marks, and a test per character is far slower
    for mark in {ch for ch in set(decomposed) if unicodedata.combining(ch)}:
        decomposed = decomposed.replace(mark, "")
    return unicodedata.normalize("NFC", decomposed)


def fold(text: str) -> str:
    """Fold text as a reader without tone marks would type it: lower case, no marks, đ → d."""
    for letter, base in NO_DECOMPOSITION.items():
        text = text.replace(letter, base)
    return strip_marks(text).casefold()


def mark_stroke(text: str) -> str:
    """Write đ/Đ as d/D + U+0335 so that mark-stripping search folds them to d/D."""
    text = unicodedata.normalize("NFC", text)
    for letter, base in NO_DECOMPOSITION.items():  # str.replace: far faster than str.translate
        text = text.replace(letter, base + STROKE)
    return text


def unmark_stroke(text: str) -> str:
    """Undo `mark_stroke` (text from the index back to what readers see)."""
    for letter, base in NO_DECOMPOSITION.items():
        text = text.replace(base + STROKE, letter)
    return text
