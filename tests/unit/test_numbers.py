"""The translation cross-check: numbers, dates and percentages must agree between vi and en."""

from __future__ import annotations

import shutil

import pytest

from digest.numbers import numbers_in

MATCHING = [
    ("6.080 ha", "6,080 ha"),
    ("60,5%", "60.5%"),
    ("ngày 17/01/2024", "on 17 January 2024"),
    ("hơn 1,3 tỷ USD", "more than USD 1.3 billion"),
    ("ngày 18/1", "on 18 January"),
    ("Kế hoạch số 222/KH-UBND ngày 15/9/2022", "Plan No. 222/KH-UBND of 15 September 2022"),
    ("lúc 16:42", "at 16:42"),
    ("tháng 7/2024", "July 2024"),
    ("147 quốc gia, năm 2050", "147 countries by 2050"),
    ("phát thải ròng bằng 0", "net-zero emissions"),
    ("2,5 triệu tấn", "2.5 million tonnes"),
]
MISMATCHING = [
    ("6.080 ha", "6,800 ha", {"6080"}, {"6800"}),
    ("60,5%", "65%", {"60.5"}, {"65"}),
    ("ngày 17/01/2024", "on 17 January 2023", {"date:2024-01-17"}, {"date:2023-01-17"}),
    ("1,3 tỷ USD", "USD 1.3 million", {"1300000000"}, {"1300000"}),
    ("năm 2045 và 2050", "by 2050", {"2045"}, set()),
    ("năm 2050", "by 2045 and 2050", set(), {"2045"}),
]


@pytest.mark.parametrize(("vi", "en"), MATCHING)
def test_matching_pairs_agree(vi, en):
    assert numbers_in(vi, "vi") == numbers_in(en, "en")
    assert numbers_in(vi, "vi") or vi.endswith("0")


@pytest.mark.parametrize(("vi", "en", "only_vi", "only_en"), MISMATCHING)
def test_mismatching_pairs_are_caught_in_both_directions(vi, en, only_vi, only_en):
    in_vi, in_en = numbers_in(vi, "vi"), numbers_in(en, "en")
    assert in_vi - in_en == only_vi
    assert in_en - in_vi == only_en


def test_number_note_allows_a_deliberate_difference(tmp_path, fixture_data, bad_data, run_generator):
    shutil.copytree(fixture_data, tmp_path / "data")
    text = (bad_data / "number-mismatch.yaml").read_text(encoding="utf-8")
    (tmp_path / "data/events/number-mismatch.yaml").write_text(text, encoding="utf-8")
    assert run_generator(tmp_path) == 1
    text += 'number_notes:\n  - field: lead\n    numbers: ["6080", "6800"]\n    reason: {vi: "Hai bài báo ghi khác nhau.", en: "The two articles differ."}\n'
    (tmp_path / "data/events/number-mismatch.yaml").write_text(text, encoding="utf-8")
    assert run_generator(tmp_path) == 0
