"""Link-preview cards: Vietnamese drawn with real glyphs, the same bytes for the same card, drawn again only on a change."""

from __future__ import annotations

import io
import itertools
import unicodedata
import zlib

from PIL import Image, ImageChops, ImageFont

from digest.load import load_catalogue
from digest.pages.cards import Card, all_cards
from digest.publish import card_images


def test_the_font_has_a_glyph_for_every_character_of_every_card(root):
    cards = all_cards(load_catalogue(root / "data"))
    characters = {ch for card in cards.values() for text in (card.label, card.title, *card.details, card.site_name) for ch in text if not ch.isspace()}
    assert any(unicodedata.decomposition(ch) for ch in characters), "the real data has letters with tone marks"
    for bold in (True, False):
        font = ImageFont.truetype(str(card_images.FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), 40)
        missing = bytes(font.getmask("\ue000"))  # a private-use character: the font's "missing glyph" box
        assert [ch for ch in sorted(characters) if bytes(font.getmask(ch)) == missing] == []


def test_a_card_is_a_small_png_and_always_the_same_bytes():
    card = Card("vi", "Sự kiện", "Hội thảo về giảm phát thải carbon trong sản xuất công nghiệp hướng tới Net Zero", ("17/01/2024", "Hải Phòng"), "Net Zero Việt Nam – Tóm lược")
    data = card_images.draw(card)
    assert data == card_images.draw(card) and len(data) <= 150_000
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == (1200, 630)
    assert card_images.draw(Card("en", card.label, card.title, card.details, card.site_name)) == data, "the language alone does not change the drawing"
    assert card_images.draw(Card("vi", card.label, card.title.replace("ả", "a"), card.details, card.site_name)) != data, "tone marks are drawn"
    # the same drawing on every machine, with or without libraqm (Pillow uses it when it finds it)
    assert {card_images._font(bold, size).layout_engine for bold in (True, False) for size in (26, 32, 56)} == {ImageFont.Layout.BASIC}


def test_cards_are_drawn_again_only_when_what_they_show_changes(tmp_path, monkeypatch):
    cards = {f"cards/vi/events/e{n}.png": Card("vi", "Sự kiện", f"Sự kiện số {n}", ("01/02/2024",), "Net Zero") for n in range(3)}
    cache = tmp_path / "cache"
    assert card_images.write_cards(cards, tmp_path / "a", cache) == 3
    drawn = []
    monkeypatch.setattr(card_images, "draw", lambda card, real=card_images.draw: drawn.append(card) or real(card))
    assert card_images.write_cards(cards, tmp_path / "b", cache) == 0 and drawn == []
    changed = {**cards, "cards/vi/events/e0.png": Card("vi", "Sự kiện", "Sự kiện số 0, đã sửa", ("01/02/2024",), "Net Zero")}
    assert card_images.write_cards(changed, tmp_path / "c", cache) == 1 and len(drawn) == 1
    for path in cards:  # a build from the cache is the build without it
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()


def test_a_change_of_the_drawing_draws_every_card_again(tmp_path, monkeypatch):
    cards = {"cards/vi/events/e.png": Card("vi", "Sự kiện", "Sự kiện", ("01/02/2024",), "Net Zero")}
    cache = tmp_path / "cache"
    assert card_images.write_cards(cards, tmp_path / "a", cache) == 1
    monkeypatch.setattr(card_images, "_drawing_digest", lambda: "another version of the code, fonts or Pillow")
    assert card_images.write_cards(cards, tmp_path / "b", cache) == 1


def test_the_png_written_by_hand_holds_exactly_the_drawn_pixels_and_palette():
    indices = Image.new("L", (card_images.WIDTH, card_images.HEIGHT), 0)
    indices.paste(7, (100, 100, 400, 300))
    indices.paste(30, (0, card_images.HEIGHT - 1, card_images.WIDTH, card_images.HEIGHT))
    rows = Image.new("L", (card_images.WIDTH + 1, card_images.HEIGHT), 0)  # each row's filter byte, then its indices
    rows.paste(indices, (1, 0))
    data = rows.tobytes()
    palette = card_images._palette_bytes()
    for cuts in ([0, len(data)], [0, 1201 * 16, 1201 * 300, 1201 * 301, len(data)], [0, 5, 777, len(data)]):
        segments = [card_images._deflated(data[start:end]) for start, end in itertools.pairwise(cuts)]
        with Image.open(io.BytesIO(card_images._png(segments, palette))) as picture:
            picture.load()  # checks the zlib stream's Adler-32 too
            assert picture.mode == "P" and picture.size == indices.size
            assert picture.tobytes() == indices.tobytes()
            assert bytes(picture.getpalette()[:len(palette)]) == palette
            pillows = indices.copy()
            pillows.putpalette(palette)
            assert picture.convert("RGB").tobytes() == pillows.convert("RGB").tobytes()


def test_a_drawn_card_holds_exactly_its_frame_and_text():
    card = Card("vi", "Sự kiện", "Hội thảo về giảm phát thải carbon trong sản xuất công nghiệp hướng tới Net Zero", ("17/01/2024", "Hải Phòng"), "Net Zero")
    rows, (top, bottom) = card_images._drawn(card)
    frame = card_images._frame(card.label, card.site_name)
    assert 0 < top < bottom < card_images.HEIGHT
    assert ImageChops.difference(rows, frame).getbbox()[1::2] == (top, bottom), "the text changes exactly its rows"
    with Image.open(io.BytesIO(card_images.draw(card))) as picture:
        picture.load()
        assert picture.tobytes() == rows.crop((1, 0, card_images.WIDTH + 1, card_images.HEIGHT)).tobytes()
        assert bytes(picture.getpalette()) == card_images._palette_bytes()


def test_adler32_combined_is_adler32_of_the_whole():
    first, second = bytes(range(256)) * 300, b"\xff" * 70_000 + b"card"
    assert card_images._adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second)) == zlib.adler32(first + second)
    assert card_images._adler32_combine(1, zlib.adler32(second), len(second)) == zlib.adler32(second)


def test_wrapping_adds_up_the_lengths_pillow_measures():
    pen = card_images._measure()
    title = "“AV To” Hội thảo: Tương lai W. Yêu — giảm phát thải, fi‑Ấn Độ; Ty’s Net Zero 2050 (tạm dịch) …"
    for bold, size in ((True, 56), (True, 36), (False, 32)):
        font = card_images._font(bold, size)
        lines, cut = card_images._wrap(title, font, 500, 9)
        assert not cut and " ".join(lines) == " ".join(title.split())
        for line, following in zip(lines, [*lines[1:], None], strict=True):
            assert pen.textlength(line, font=font) <= 500 or " " not in line
            if following:  # each line is the longest run of words that fits
                assert pen.textlength(f"{line} {following.split()[0]}", font=font) > 500


EDGE_TITLES = [  # the first two are drawn the quick way, the others not (a line wider than the card, lines sharing rows)
    "AV To. “Ty’s” W. Yêu — Ấn Độ; fi‑fl (2050): Tương lai xanh, Wa Ve Yo LT",
    "Hội thảo về giảm phát thải",
    "AVAVAVAVAVAVAVAVAVAVAVAVAVAVAV “Ty’s” T. W. Yêu — Ấn Độ; fi‑fl (2050) …",  # kerning adds up along a line
    "Supercalifragilisticexpialidociousandevenlongerthanthatwithoutanyspaceatallwhatsoever Hội",  # wider than the card
    "Ở Ẵ Ỗ Ữ Ỹ ỷ ự ợ ậ ặ ệ ộ Ậ Ặ Ệ Ộ Ợ Ự ĐẤT ẤN ỀNH g̃",  # stacked tone marks, a combining mark
]


def _letters() -> str:
    return "".join(chr(code) for code in (*range(0x21, 0x7F), *range(0xA1, 0x250), *range(0x1E00, 0x1F00), *range(0x2010, 0x2050)))


def test_lines_put_together_from_letters_are_what_pillow_renders(root):
    cards = all_cards(load_catalogue(root / "data"))
    texts = {text for card in cards.values() for text in (card.title, *card.details, card.label.upper(), card.site_name)}
    letters = _letters()
    texts |= {f"H{letter}H" for letter in letters} | {letters[start:start + 40] for start in range(0, len(letters), 40)}
    texts |= {word for title in EDGE_TITLES for word in title.split()} | set(EDGE_TITLES)
    for bold, size in ((True, 56), (True, 48), (True, 42), (True, 36), (True, 26), (True, 34), (False, 32)):
        font = card_images._font(bold, size)
        for text in filter(None, texts):
            mask, offset = card_images._line_mask(font, text)
            expected, expected_offset = font.getmask2(text, "L")
            assert (offset, mask.size) == (expected_offset, expected.size), (size, text)
            assert mask.tobytes() == Image.Image()._new(expected).tobytes(), (size, text)


def _stock(card: Card, monkeypatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(card_images, "_text_rows", lambda *_: None)
        return card_images.draw(card)


def test_the_quick_drawing_is_the_stock_drawing_byte_for_byte(root, monkeypatch):
    cards = list(all_cards(load_catalogue(root / "data")).values())
    site_name = cards[0].site_name
    cards += [Card(lang, label, title, details, site_name) for lang, label in (("vi", "Sự kiện"), ("en", "")) for title in EDGE_TITLES
              for details in ((), ("Một dòng mô tả rất dài " * 12,), ("17/01/2024 (suy luận: năm)", "Thừa Thiên Huế"))]
    quick = []
    for card in cards:
        title, font, details = card_images._layout(card)
        quick.append(card_images._text_rows(card, title, font, details) is not None)
        assert card_images.draw(card) == _stock(card, monkeypatch), card
    edges = len(EDGE_TITLES) * 6
    assert all(quick[:-edges]), "every card of the real data is drawn the quick way"
    assert [title in EDGE_TITLES[:2] for title in (card.title for card in cards[-edges:])] == quick[-edges:], "the edge cases try both ways"
    assert card_images._shades(card_images.TITLE, card_images.PAPER)[0] == card_images._shades(card_images.MUTED, card_images.PAPER)[0] == 0
