"""Link-preview cards: a 1200×630 PNG per page that has its own, in the page's language, drawn at build time.

What a card shows comes from the pages stage (`digest.pages.cards`); this stage draws it with the
fonts shipped beside this module (DejaVu Sans, which covers Vietnamese; licence in fonts/LICENSE)
and keeps each drawn card in a cache keyed by what it shows, so a card is drawn again only when
its text, the design or the fonts change.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
import zlib
from functools import cache, lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageChops, ImageDraw, ImageFont

from digest.pages.cards import Card
from digest.parallel import parallel_map
from digest.publish.downloads import place_file
from digest.write import write_replacing

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent / "fonts"
#: The site's colours (Material's green, as the header).
GREEN, DARK, PAPER, MUTED = (46, 125, 50), (27, 94, 32), (250, 250, 247), (84, 110, 90)
TITLE, WHITE = (33, 33, 33), (255, 255, 255)
MARGIN = 72
#: Rows of the frame deflated together, spliced into every card whose text leaves them untouched.
BAND = 16
ZLIB_HEADER = zlib.compress(b"", 3)[:2]  # what zlib writes for the level the rows are deflated at
ADLER_BASE = 65521  # Adler-32's modulus


@cache
def _drawing_digest() -> str:
    """What every card's drawing depends on besides its text: the fonts, this module's code and Pillow's version."""
    digest = hashlib.sha256(PIL.__version__.encode())
    for path in (FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf", Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    # Pillow's basic layout, not libraqm's: the text is NFC, so every Vietnamese letter is one glyph of the
    # font and needs no shaping; and the drawing is then the same whether or not the machine has libraqm.
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size,
                              layout_engine=ImageFont.Layout.BASIC)


def _wrap(text: str, font, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Lines of at most `width` pixels (a word too long for any line gets a line of its own), at most
    `max_lines` (the last one cut with an ellipsis), and whether it was cut. Each line is the longest run
    of words that fits, found by measuring the rest whole, then by halving."""
    words = text.split()
    # The basic layout kerns only neighbouring letters, so a run of words is as long as its words and, between
    # each two, a space and its kerning with the letters on either side; lengths are multiples of 1/64, so the
    # sums are exact.
    gaps = [0.0] + [_gap(font, before[-1], after[0]) for before, after in itertools.pairwise(words)]
    ends = list(itertools.accumulate(gap + _length(font, word) for gap, word in zip(gaps, words, strict=True)))

    def fits(start: int, end: int) -> bool:
        return ends[end - 1] - (ends[start - 1] + gaps[start] if start else 0) <= width

    lines: list[str] = []
    start = 0
    while start < len(words) and len(lines) < max_lines:
        low, high = start + 1, len(words)
        if fits(start, high):
            low = high
        elif fits(start, low):
            high -= 1  # the largest end that fits lies in [low, high]
            while low < high:
                middle = (low + high + 1) // 2
                if fits(start, middle):
                    low = middle
                else:
                    high = middle - 1
        lines.append(" ".join(words[start:low]))
        start = low
    if start == len(words):
        return lines, False
    last = lines[-1]
    while last and _length(font, last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return lines, True


@lru_cache(maxsize=1 << 16)
def _length(font, text: str) -> float:
    """How far `text` advances the pen, in pixels."""
    return _measure().textlength(text, font=font)


@lru_cache(maxsize=1 << 12)
def _gap(font, before: str, after: str) -> float:
    """How much a space between the letters `before` and `after` adds to their lengths."""
    return _length(font, f"{before} {after}") - _length(font, before) - _length(font, after)


def draw(card: Card) -> bytes:
    """The card as PNG bytes (a palette image: small, and the same bytes for the same card)."""
    title, title_font, details = _layout(card)
    fast = _text_rows(card, title, title_font, details)
    if fast is None:
        image, (top, bottom) = _drawn(card)
        first, last = top // BAND, -(-bottom // BAND)
        rows = image.crop((0, first * BAND, WIDTH + 1, min(last * BAND, HEIGHT))).tobytes() if first < last else None
    else:
        first, last, rows = fast
    head, tail = _frame_around(card.label, card.site_name, first, last)
    # the frame's bands the text leaves untouched are spliced in already deflated; only the rest is deflated here
    return _png([head, *([_deflated(rows)] if first < last else []), tail], _palette_bytes())


def _layout(card: Card) -> tuple[list[tuple[int, str]], ImageFont.FreeTypeFont, list[tuple[int, str]]]:
    """Where the card's title and detail lines go: (y, line) of each, and the title's font."""
    text_width = WIDTH - 2 * MARGIN
    y = 64 + 52
    detail_lines = 3 if len(card.details) == 1 else 1  # one detail (the home card's description) may wrap
    room = HEIGHT - 96 - 40 - y - 18 - 44 * detail_lines * len(card.details)
    for size in (56, 48, 42, 36):  # the largest size at which the whole title fits
        title_font = _font(True, size)
        lines, cut = _wrap(card.title, title_font, text_width, int(room // (size * 1.22)))
        if not cut:
            break
    title = []
    for line in lines:
        title.append((y, line))
        y += int(size * 1.22)
    y += 18
    details = []
    for detail in card.details:
        for line in _wrap(detail, _font(False, 32), text_width, detail_lines)[0]:
            details.append((y, line))
            y += 44
    return title, title_font, details


def _drawn(card: Card) -> tuple[Image.Image, tuple[int, int]]:
    """The card's rows as its PNG holds them (`_frame`) and the first and past-the-last rows its text is drawn on,
    drawn with Pillow's own text rendering (`_text_rows` gives the same rows quicker when it can)."""
    title, title_font, details = _layout(card)
    image = _frame(card.label, card.site_name).copy()
    drawn = [_paint(image, title, title_font, TITLE, PAPER, over=True),
             _paint(image, details, _font(False, 32), MUTED, PAPER, over=True)]
    drawn = [rows for rows in drawn if rows]
    return image, (min(top for top, _ in drawn), max(bottom for _, bottom in drawn)) if drawn else (0, 0)


def _text_rows(card: Card, title: list[tuple[int, str]], title_font, details: list[tuple[int, str]]) -> tuple[int, int, bytes] | None:
    """The bands `_drawn` would change, as (first band, past-the-last band, their rows' bytes), built without the
    frame: each line's palette indices (`_line_indices`) pasted where `_paint` draws it; None when that would not
    be the same rows (the frame not blank there, a line wider than the card, two lines sharing a row: `_paint`
    blends their coverages before mapping them to indices)."""
    left = 1 + MARGIN  # after each row's filter byte
    placed = [(left + x, y + top, indices) for lines, font, colour in ((title, title_font, TITLE), (details, _font(False, 32), MUTED))
              for y, text in lines if text for indices, (x, top) in [_line_indices(font, text, colour)]]
    if not placed:
        return 0, 0, b""
    first, last = placed[0][1] // BAND, -(-(placed[-1][1] + placed[-1][2].height) // BAND)
    top, bottom = first * BAND, min(last * BAND, HEIGHT)
    if (any(x < 0 or x + indices.width > WIDTH + 1 or y < 0 for x, y, indices in placed) or placed[-1][1] + placed[-1][2].height > bottom
            or any(above[1] + above[2].height > below[1] for above, below in itertools.pairwise(placed))
            or not all(_blank_rows(card.label, card.site_name)[top:bottom])):
        return None
    rows = Image.new("L", (WIDTH + 1, bottom - top))
    for x, y, indices in placed:
        rows.paste(indices, (x, y - top))
    return first, last, rows.tobytes()


@lru_cache(maxsize=1 << 12)
def _line_indices(font, text: str, colour: tuple[int, int, int]) -> tuple[Image.Image, tuple[int, int]]:
    """A line drawn in `colour` on the paper as palette indices (`_shades` of its `_line_mask`), and its offset."""
    mask, offset = _line_mask(font, text)
    return mask.point(_shades(colour, PAPER)), offset


@lru_cache(maxsize=1 << 12)
def _line_mask(font, text: str) -> tuple[Image.Image, tuple[int, int]]:
    """What `font.getmask2(text, "L")` gives (the coverage and its offset), put together from each letter's own
    mask (`_glyph`) as Pillow's basic layout does: the pen advances by each letter's advance plus its kerning with
    the next (Pillow adds whole pixels of kerning as 1/64ths), each letter is placed at the pen rounded to a pixel,
    and blended into what the letters before it drew as `draw_bitmap` blends (the same formula). A letter's mask
    alone holds all its pixels (FreeType's bitmap spans the glyph's box): tests/unit/test_cards.py checks lines and letters."""
    pen = 0
    placed = []
    left = top = bottom = right = 0
    for index, letter in enumerate(text):
        mask, origin_x, origin_y, advance = _glyph(font, letter)
        x = (pen + 32) >> 6  # FreeType's rounding of 26.6 to pixels
        placed.append((x - origin_x, -origin_y, mask))
        left, right = min(left, x - origin_x), max(right, x - origin_x + mask.size[0])
        top, bottom = max(top, origin_y), min(bottom, origin_y - mask.size[1])
        pen += advance + (_kerning(font, letter, text[index + 1]) if index + 1 < len(text) else 0)
    right = max(right, (pen + 32) >> 6)
    line = Image.new("L", (right - left, top - bottom))
    draw = ImageDraw.Draw(line).draw
    for x, y, mask in placed:
        draw.draw_bitmap((x - left, y + top), mask, 255)
    return line, (left, font.font.ascent - top)


@lru_cache(maxsize=1 << 12)
def _glyph(font, letter: str) -> tuple[object, int, int, int]:
    """A letter's coverage mask alone, where its pen origin lies in it (column, baseline row), and its advance in 1/64 pixels."""
    mask, (x, y) = font.getmask2(letter, "L")
    return mask, -x, font.font.ascent - y, round(font.getlength(letter) * 64)


@lru_cache(maxsize=1 << 14)
def _kerning(font, before: str, after: str) -> int:
    """What the pair's kerning adds to the pen, in 1/64 pixels, as Pillow measures it."""
    return round(font.getlength(before + after) * 64) - round(font.getlength(before) * 64) - round(font.getlength(after) * 64)


@lru_cache(maxsize=64)
def _blank_rows(label: str, site_name: str) -> tuple[bool, ...]:
    """For each of the frame's rows: whether it is all zero bytes (no filter, paper)."""
    data, row = _frame(label, site_name).tobytes(), WIDTH + 1
    return tuple(not data[top:top + row].strip(b"\0") for top in range(0, len(data), row))


def _png(segments: list[tuple[bytes, int, int]], palette: bytes) -> bytes:
    """A palette PNG of 8-bit indices, 1200×630, from its rows (each row's filter byte, then its indices) deflated
    in consecutive segments (`_deflated`)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    adler = 1
    for _, checksum, length in segments:
        adler = _adler32_combine(adler, checksum, length)
    # a zlib stream: header, the segments, an empty final block (fixed codes), the Adler-32 of the rows
    stream = b"".join((ZLIB_HEADER, *(deflated for deflated, _, _ in segments), b"\x03\x00", struct.pack(">I", adler)))
    return b"".join((b"\x89PNG\r\n\x1a\n",
                     chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)),
                     chunk(b"PLTE", palette),
                     chunk(b"IDAT", stream),
                     chunk(b"IEND", b"")))


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    """`data` as raw deflate blocks that refer to nothing before them and end on a byte boundary (so that other
    such segments may follow), with its Adler-32 and length."""
    compressor = zlib.compressobj(3, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH), zlib.adler32(data), len(data)


def _adler32_combine(first: int, second: int, length: int) -> int:
    """The Adler-32 of two pieces of data one after the other, from each one's and the second one's length."""
    a = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % ADLER_BASE
    b = ((first >> 16) + (second >> 16) + length * ((first & 0xFFFF) - 1)) % ADLER_BASE
    return b << 16 | a


@cache
def _measure() -> ImageDraw.ImageDraw:
    return ImageDraw.Draw(Image.new("L", (1, 1)))


@lru_cache(maxsize=64)
def _frame(label: str, site_name: str) -> Image.Image:
    """The card without its title and details, as the PNG's rows (each row's filter byte, 0 for none, then
    its palette indices): the bands, the label and the site's name (the same on every card of a kind and
    language, so drawn once). Filtering does not make a picture of few flat colours smaller."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 16), fill=GREEN)
    pen.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=DARK)
    frame = Image.new("L", (WIDTH + 1, HEIGHT), 0)
    frame.paste(_indices(image), (1, 0))
    _paint(frame, [(64, label.upper())], _font(True, 26), GREEN, PAPER, over=True)
    _paint(frame, [(HEIGHT - 96 + 28, site_name)], _font(True, 34), WHITE, DARK, over=False)
    return frame


@lru_cache(maxsize=64)
def _frame_bands(label: str, site_name: str) -> tuple[tuple[bytes, int, int], ...]:
    """The frame's rows `_deflated` a band of `BAND` rows at a time."""
    frame = _frame(label, site_name)
    return tuple(_deflated(frame.crop((0, top, WIDTH + 1, min(top + BAND, HEIGHT))).tobytes()) for top in range(0, HEIGHT, BAND))


@lru_cache(maxsize=512)
def _frame_around(label: str, site_name: str, first: int, last: int) -> tuple[tuple[bytes, int, int], tuple[bytes, int, int]]:
    """The frame's bands before `first` and from `last` on (`_frame_bands`), each run joined into one segment."""
    bands = _frame_bands(label, site_name)
    return _joined(bands[:first]), _joined(bands[last:])


def _joined(segments) -> tuple[bytes, int, int]:
    """Consecutive `_deflated` segments as one."""
    adler = 1
    for _, checksum, length in segments:
        adler = _adler32_combine(adler, checksum, length)
    return b"".join(deflated for deflated, _, _ in segments), adler, sum(length for _, _, length in segments)


def _paint(image: Image.Image, lines: list[tuple[int, str]], font, colour, ground, *, over: bool) -> tuple[int, int] | None:
    """Draw `lines` (y, text) at the left margin into the PNG's rows (`_frame`), each pixel given the palette index
    that mapping the same pixel, drawn in `colour` on `ground` in RGB, would give; return the first and
    past-the-last rows drawn on. With `over`, what is already there is kept (on the paper: its index is the lowest)."""
    left = 1 + MARGIN  # after each row's filter byte
    # each line rendered once, as `ImageDraw.text` does, and placed where it places it
    placed = [(left + x, y + top, mask) for y, text in lines if text for mask, (x, top) in [font.getmask2(text, "L")]]
    if not placed:
        return None
    box = (min(x for x, _, _ in placed), min(y for _, y, _ in placed),
           max(x + mask.size[0] for x, _, mask in placed), max(y + mask.size[1] for _, y, mask in placed))
    coverage = Image.new("L", (box[2] - box[0], box[3] - box[1]))
    pen = ImageDraw.Draw(coverage)
    for x, y, mask in placed:
        pen.draw.draw_bitmap((x - box[0], y - box[1]), mask, 255)
    shades = coverage.point(_shades(colour, ground))
    image.paste(ImageChops.lighter(image.crop(box), shades) if over else shades, box)
    return box[1], box[3]


def _indices(image: Image.Image) -> Image.Image:
    """The palette indices of an RGB image mapped onto the card's palette, as an L image."""
    return Image.frombytes("L", image.size, image.quantize(palette=_palette(), dither=Image.Dither.NONE).tobytes())


@lru_cache(maxsize=16)
def _shades(colour: tuple[int, int, int], ground: tuple[int, int, int]) -> list[int]:
    """For each coverage 0..255 of `colour` drawn on `ground`: the palette index of that pixel."""
    strip = Image.new("RGB", (256, 1), ground)
    strip.paste(colour, None, Image.frombytes("L", (256, 1), bytes(range(256))))
    return list(_indices(strip).tobytes())


@cache
def _colours() -> tuple[tuple[int, int, int], ...]:
    """The card's few colours and the shades between text and its background (antialiased edges):
    mapping onto them is quick, and the PNG small."""
    colours = [PAPER, GREEN, DARK]
    for text, ground in ((TITLE, PAPER), (MUTED, PAPER), (GREEN, PAPER), (WHITE, DARK)):
        colours += [tuple(round(ground[i] + (text[i] - ground[i]) * k / 7) for i in range(3)) for k in range(1, 8)]
    return tuple(colours)


@cache
def _palette_bytes() -> bytes:
    return bytes(value for colour in _colours() for value in colour)


@cache
def _palette() -> Image.Image:
    """The palette as an image, for Pillow's `quantize`."""
    palette = Image.new("P", (1, 1))
    palette.putpalette(_palette_bytes())
    return palette


def card_key(card: Card) -> str:
    """What the cached drawing of a card depends on: its text and the drawing (fonts, code, Pillow)."""
    text = "\x1f".join((card.lang, card.label, card.title, *card.details, "\x1e", card.site_name))
    return hashlib.sha256(text.encode("utf-8") + _drawing_digest().encode()).hexdigest()


def _draw_into(item: tuple[str, Card], cache_dir: Path) -> None:
    """Draw one card into the cache, whole or not at all."""
    key, card = item
    write_replacing(cache_dir / f"{key}.png", draw(card))


def draw_cards(cards: dict[str, Card], cache_dir: Path) -> int:
    """Draw into the cache every card not already there; return how many were drawn."""
    keys = {card_key(card): card for card in cards.values()}
    missing = sorted((key, card) for key, card in keys.items() if not (cache_dir / f"{key}.png").is_file())
    cache_dir.mkdir(parents=True, exist_ok=True)
    parallel_map(_draw_into, missing, cache_dir, worth_it=len(missing) > 200)
    return len(missing)


def write_cards(cards: dict[str, Card], site_dir: Path, cache_dir: Path) -> int:
    """Write every card into the built site (path relative to it; a hard link to the cached drawing when they share a file
    system), drawing only those not in the cache; return how many were drawn."""
    drawn = draw_cards(cards, cache_dir)
    for path, card in sorted(cards.items()):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        place_file(cache_dir / f"{card_key(card)}.png", target)
    return drawn
