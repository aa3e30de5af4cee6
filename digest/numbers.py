"""Numbers in each language's conventions: formatting, and the translation cross-check.

Vietnamese writes 6.080 ha, 60,5%, 1,3 tỷ USD and 17/01/2024; English writes
6,080 ha, 60.5%, USD 1.3 billion and 17 January 2024. The cross-check reads the
numbers, dates and times of both texts of a field into one canonical form and
reports any that appear on one side only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel

from digest.schema import field_path

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")
SCALE = {"tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3,
         "billion": 10**9, "million": 10**6, "thousand": 10**3}

_MONTH = "|".join(MONTHS_EN)
_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")
_DATE_VI = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_DATE_EN = re.compile(rf"(?<!\d)(\d{{1,2}}) ({_MONTH})(?: (\d{{4}}))?\b")
_MONTH_YEAR_VI = re.compile(r"tháng (\d{1,2})(?:/| năm )(\d{4})")
_MONTH_YEAR_EN = re.compile(rf"\b({_MONTH}) (\d{{4}})\b")
_NUMBER = {
    "vi": re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:\s*(tỷ|triệu|nghìn|ngàn)\b)?"),
    "en": re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(billion|million|thousand)\b)?"),
}
_GROUP = {"vi": ".", "en": ","}
_DIGIT = re.compile(r"\d")


def numbers_in(text: str, lang: str) -> set[str]:
    """The canonical numbers, dates and times a text contains."""
    return set(_numbers_in(text, lang)) if _DIGIT.search(text) else set()


@lru_cache(maxsize=1 << 14)
def _numbers_in(text: str, lang: str) -> frozenset[str]:
    # Cached: a statement's text is read by the translation cross-check and the evidence check alike.
    found: set[str] = set()

    def take(pattern: re.Pattern, make, needs: str = "") -> None:
        nonlocal text
        if needs in text:  # a pattern that cannot match is not run
            text = pattern.sub(lambda match: found.add(make(match)) or " ", text)

    take(_TIME, lambda m: f"time:{int(m[1]):02d}:{m[2]}", ":")
    if lang == "vi":
        take(_MONTH_YEAR_VI, lambda m: f"month:{m[2]}-{int(m[1]):02d}", "tháng ")
        take(_DATE_VI, lambda m: f"date:{m[3] or '----'}-{int(m[2]):02d}-{int(m[1]):02d}", "/")
    else:
        take(_DATE_EN, lambda m: f"date:{m[3] or '----'}-{MONTHS_EN.index(m[2]) + 1:02d}-{int(m[1]):02d}")
        take(_MONTH_YEAR_EN, lambda m: f"month:{m[2]}-{MONTHS_EN.index(m[1]) + 1:02d}")
    for m in _NUMBER[lang].finditer(text):
        whole = m[1].replace(_GROUP[lang], "")
        value = Decimal(f"{whole}.{m[2]}" if m[2] else whole)
        if m[3]:
            value *= SCALE[m[3]]
        if not value:
            # "phát thải ròng bằng 0" is "net zero" in English: zero is said in words as often as in digits.
            continue
        found.add(f"{value.normalize():f}")
    return frozenset(found)


@dataclass(frozen=True)
class NumberMismatch:
    path: tuple
    message: str


def _pairs(value: Any, path: tuple = ()):
    """Yield (path, vi text, en text) for every bilingual pair inside a model."""
    if isinstance(value, BaseModel):
        pair, fields = _fields(type(value))
        if pair:
            vi, en = value.vi, value.en  # type: ignore[attr-defined]
            if isinstance(vi, str):
                yield path, vi, en
            else:
                for i, (a, b) in enumerate(zip(vi, en, strict=False)):
                    yield (*path, i), a, b
            return
        for name in fields:
            yield from _pairs(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _pairs(item, (*path, i))


@cache
def _fields(model: type[BaseModel]) -> tuple[bool, tuple[str, ...]]:
    """Whether a model is a bilingual pair (has `vi` and `en`), and its fields."""
    fields = model.model_fields
    return "vi" in fields and "en" in fields, tuple(fields)


def cross_check_numbers(event: BaseModel) -> list[NumberMismatch]:
    """Numbers present in one language of a field and missing from the other."""
    notes = {(n.field, num) for n in getattr(event, "number_notes", []) for num in n.numbers}
    problems = []
    for path, vi, en in _pairs(event):
        if path and path[0] == "number_notes":
            continue
        field = field_path(path)
        in_vi, in_en = numbers_in(vi, "vi"), numbers_in(en, "en")
        for lang, missing in (("English", in_vi - in_en), ("Vietnamese", in_en - in_vi)):
            for num in sorted(missing):
                if (field, num) in notes:
                    continue
                problems.append(NumberMismatch(path, f"expected the number {_show(num)} in the {lang} text too (or a number_notes entry), found it only in the {'Vietnamese' if lang == 'English' else 'English'}"))
    return problems


def _show(token: str) -> str:
    return token.split(":", 1)[1] if ":" in token else token


def format_number(value: float | int | Decimal, lang: str) -> str:
    """6080 → '6.080' (vi) / '6,080' (en); 60.5 → '60,5' / '60.5'."""
    number = Decimal(str(value)).normalize()
    sign = number.is_signed()
    text = f"{abs(number):f}"
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}"
    group, point = (".", ",") if lang == "vi" else (",", ".")
    grouped = grouped.replace(",", group)
    return ("-" if sign else "") + grouped + (point + frac if frac else "")


def format_date(value: dt.date, lang: str, with_year: bool = True) -> str:
    """17/01/2024 (vi) / 17 January 2024 (en)."""
    if lang == "vi":
        return value.strftime("%d/%m/%Y") if with_year else value.strftime("%d/%m")
    text = f"{value.day} {MONTHS_EN[value.month - 1]}"
    return f"{text} {value.year}" if with_year else text


def format_datetime(value: dt.date | dt.datetime, lang: str) -> str:
    """A publication date, with its time when the source gives one."""
    if isinstance(value, dt.datetime):
        return f"{value:%H:%M}, {format_date(value.date(), lang)}" if lang == "en" else f"{value:%H:%M} {format_date(value.date(), lang)}"
    return format_date(value, lang)
