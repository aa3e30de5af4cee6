"""Unit tests for the search text folding (digest/fold.py), đ/Đ included."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.fold import STROKE, fold, mark_stroke, strip_marks, unmark_stroke


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hải Phòng", "hai phong"),
        ("Bình Dương", "binh duong"),
        ("Bà Rịa – Vũng Tàu", "ba ria – vung tau"),
        ("Phạm Quốc Đăng", "pham quoc dang"),
        ("Đông", "dong"),
        ("đại biểu", "dai bieu"),
        ("khu công nghiệp sinh thái", "khu cong nghiep sinh thai"),
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        ("Thương vụ", "thuong vu"),
        ("ƯỚC TÍNH", "uoc tinh"),
        ("Sakai 堺市", "sakai 堺市"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_decomposed_input() -> None:
    """Text typed in decomposed form (some Vietnamese keyboards) folds the same."""
    assert fold(unicodedata.normalize("NFD", "Phạm Quốc Đăng")) == "pham quoc dang"


def test_d_with_stroke_has_no_decomposition() -> None:
    """Why đ needs its own rule: generic mark stripping leaves it."""
    assert unicodedata.decomposition("đ") == ""
    assert strip_marks("Đăng") == "Đang"
    assert fold("Đăng") == "dang"


def test_mark_stroke() -> None:
    marked = mark_stroke("Phạm Quốc Đăng, đại biểu")
    assert "đ" not in marked and "Đ" not in marked
    assert marked == f"Phạm Quốc D{STROKE}ăng, d{STROKE}ại biểu"
    # What a mark-stripping search engine (Pagefind) does to it: d, like a reader without marks types.
    assert strip_marks(marked).casefold() == "pham quoc dang, dai bieu"
    # ...while the marked form still differs from the plain d, so exact matches can rank first.
    assert mark_stroke("Đăng") != mark_stroke("Dăng")
    assert unmark_stroke(marked) == "Phạm Quốc Đăng, đại biểu"


def test_mark_stroke_normalises_to_nfc() -> None:
    assert mark_stroke(unicodedata.normalize("NFD", "Đường")) == f"D{STROKE}ường"


VIETNAMESE = st.text(alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"), max_size=40)


@given(VIETNAMESE)
def test_marked_text_folds_like_fold(text: str) -> None:
    assert strip_marks(mark_stroke(text)).casefold() == fold(text)


@given(VIETNAMESE)
def test_unmark_undoes_mark(text: str) -> None:
    assert unmark_stroke(mark_stroke(text)) == unicodedata.normalize("NFC", text)


@given(VIETNAMESE)
def test_fold_is_ascii_for_vietnamese(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded


def test_strip_marks_drops_every_combining_mark() -> None:
    """strip_marks drops exactly the characters with a combining class after decomposition, whichever
    they are: the same text as a test of every character, over the code points of the first two planes
    (every combining mark Unicode assigns) and a Vietnamese text."""
    every = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c < 0xE000)
    for text in (every, "Phạm Quốc Đăng, Hội thảo Khu công nghiệp sinh thái Đình Vũ", "plain ascii", ""):
        decomposed = unicodedata.normalize("NFD", text)
        expected = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
        assert strip_marks(text) == expected
