"""Link-preview cards: a 1200×630 PNG per page that has its own, in the page's language, drawn at build time.

What a card shows comes from the pages stage (`digest.pages.cards`); this stage draws it with the
fonts shipped beside this module (DejaVu Sans, which covers Vietnamese; licence in fonts/LICENSE)
and keeps each drawn card in a cache keyed by what it shows, so a card is drawn again only when
its text, the design or the fonts change.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from digest.pages.cards import Card
from digest.parallel import parallel_map

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent / "fonts"
#: Bump when the drawing changes: every cached card is drawn again.
DESIGN = "1"
#: The site's colours (Material's green, as the header).
GREEN, DARK, PAPER, MUTED = (46, 125, 50), (27, 94, 32), (250, 250, 247), (84, 110, 90)
MARGIN = 72


@cache
def _fonts_digest() -> str:
    digest = hashlib.sha256()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        digest.update((FONTS / name).read_bytes())
    return digest.hexdigest()


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Lines of at most `width` pixels, at most `max_lines` (the last one cut with an ellipsis), and whether it was cut."""
    lines: list[str] = []
    words = text.split()
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        if len(lines) == max_lines:
            current = " ".join(words[i:])
            break
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, False
    lines = lines[:max_lines]
    last = lines[-1]
    while last and draw.textlength(last + " …", font=font) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return lines, True


def draw(card: Card) -> bytes:
    """The card as PNG bytes (a palette image: small, and the same bytes for the same card)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 16), fill=GREEN)
    pen.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=DARK)
    text_width = WIDTH - 2 * MARGIN
    y = 64
    pen.text((MARGIN, y), card.label.upper(), font=_font(True, 26), fill=GREEN)
    y += 52
    detail_lines = 3 if len(card.details) == 1 else 1  # one detail (the home card's description) may wrap
    room = HEIGHT - 96 - 40 - y - 18 - 44 * detail_lines * len(card.details)
    for size in (56, 48, 42, 36):  # the largest size at which the whole title fits
        title_font = _font(True, size)
        lines, cut = _wrap(pen, card.title, title_font, text_width, int(room // (size * 1.22)))
        if not cut:
            break
    for line in lines:
        pen.text((MARGIN, y), line, font=title_font, fill=(33, 33, 33))
        y += int(size * 1.22)
    y += 18
    for detail in card.details:
        for line in _wrap(pen, detail, _font(False, 32), text_width, detail_lines)[0]:
            pen.text((MARGIN, y), line, font=_font(False, 32), fill=MUTED)
            y += 44
    pen.text((MARGIN, HEIGHT - 96 + 28), card.site_name, font=_font(True, 34), fill=(255, 255, 255))
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, format="PNG", compress_level=6)
    return out.getvalue()


@cache
def _palette() -> Image.Image:
    """The card's few colours and the shades between text and its background (antialiased edges):
    mapping onto them is quick, and the PNG small."""
    colours = [PAPER, GREEN, DARK]
    for text, ground in (((33, 33, 33), PAPER), (MUTED, PAPER), (GREEN, PAPER), ((255, 255, 255), DARK)):
        colours += [tuple(round(ground[i] + (text[i] - ground[i]) * k / 7) for i in range(3)) for k in range(1, 8)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in colours for value in colour])
    return palette


def card_key(card: Card) -> str:
    """What the cached drawing of a card depends on: its text, the design and the fonts."""
    text = "\x1f".join((DESIGN, card.lang, card.label, card.title, *card.details, "\x1e", card.site_name))
    return hashlib.sha256(text.encode("utf-8") + _fonts_digest().encode()).hexdigest()


def _draw_into(item: tuple[str, Card], cache_dir: Path) -> None:
    """Draw one card into the cache, whole or not at all."""
    key, card = item
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(draw(card))
    os.replace(tmp, cache_dir / f"{key}.png")


def write_cards(cards: dict[str, Card], site_dir: Path, cache_dir: Path) -> int:
    """Write every card into the built site (path relative to it), drawing only those not in the cache; return how many were drawn."""
    keys = {path: card_key(card) for path, card in cards.items()}
    missing = sorted({key: cards[path] for path, key in keys.items() if not (cache_dir / f"{key}.png").is_file()}.items())
    cache_dir.mkdir(parents=True, exist_ok=True)
    parallel_map(_draw_into, missing, cache_dir, worth_it=len(missing) > 200)
    for path, key in sorted(keys.items()):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{key}.png", target)
    return len(missing)
