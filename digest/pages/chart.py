"""A timeline of commitment target years, drawn at build time as inline SVG.

No script and no chart library: colours come from CSS (`currentColor` and the
`nzd-chart` classes), so it follows the light and dark schemes; `<title>` and
`<desc>` give the text alternative, and the table beside it gives every detail.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

WIDTH, ROW, TOP, LEFT, RIGHT = 640, 22, 34, 24, 24
#: Above this many dated commitments, each year shows one dot with its count, not a dot per row.
MAX_DOTS = 40


def timeline_svg(rows: list[tuple[int, str]], title: str, description: str, year_label: str) -> Markup:
    """`rows` are (target year, label) pairs, drawn as numbered dots stacked above their year
    (numbers are the rows' numbers in the table); with many rows, one dot per year with its count."""
    dated = [(year, label) for year, label in rows if year]
    if not dated:
        return Markup("")
    if len(dated) > MAX_DOTS:
        counts = Counter(year for year, _ in dated)
        dated = [(year, str(n)) for year, n in sorted(counts.items())]
        numbers = [str(counts[year]) for year, _ in dated]
    else:
        numbers = [str(i) for i in range(1, len(dated) + 1)]
    years = sorted({year for year, _ in dated})
    first, last = min(years[0], years[-1] - 1), years[-1]
    span = last - first
    stacks = Counter(year for year, _ in dated)
    height = TOP + ROW * max(stacks.values()) + 46

    def x(year: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (year - first) / span, 1)

    parts = [
        f'<svg class="nzd-chart" role="img" aria-labelledby="nzd-chart-title nzd-chart-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="nzd-chart-title">{escape(title)}</title>',
        f'<desc id="nzd-chart-desc">{escape(description)}</desc>',
        f'<line class="nzd-chart__axis" x1="{LEFT}" y1="{height - 38}" x2="{WIDTH - RIGHT}" y2="{height - 38}"/>',
    ]
    last_label_x = -100.0
    for year in years:
        # Years too close to the previous label go on a second line instead of overlapping it.
        second_line = x(year) - last_label_x < 36
        last_label_x = x(year) if not second_line else last_label_x
        parts.append(f'<text class="nzd-chart__year" x="{x(year)}" y="{height - (0 if second_line else 12)}" text-anchor="middle">{year}</text>')
        parts.append(f'<line class="nzd-chart__tick" x1="{x(year)}" y1="{height - 42}" x2="{x(year)}" y2="{height - 34}"/>')
    placed: Counter = Counter()
    for number, (year, label) in zip(numbers, dated, strict=True):
        level = placed[year]
        placed[year] += 1
        cy = height - 38 - ROW * (level + 1) + 6
        parts.append(
            f'<g class="nzd-chart__item"><title>{escape(f"{year_label} {year}: {label}")}</title>'
            f'<circle cx="{x(year)}" cy="{cy}" r="9"/>'
            f'<text x="{x(year)}" y="{cy + 4}" text-anchor="middle">{number}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
