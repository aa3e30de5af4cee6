"""A timeline of commitment target years, drawn at build time as inline SVG.

No script and no chart library: colours come from CSS (`currentColor` and the
`nzd-chart` classes), so it follows the light and dark schemes. The SVG draws one dot per
target year with the number of commitments due that year; its `<title>` and `<desc>` give
the text alternative, and the legend beside it (commitments.html.j2) names each target.
The chart is drawn for one page of the commitments list, so its size is bounded by the page.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT, LEFT, RIGHT = 640, 78, 24, 24
AXIS = 40  # the axis line's y


def timeline_svg(counts: dict[int, int], title: str, description: str, dot_title: str) -> Markup:
    """`counts`: {target year: commitments due that year}; one dot per year with its count.
    `dot_title` is formatted with year and n for each dot's tooltip."""
    if not counts:
        return Markup("")
    years = sorted(counts)
    first, last = min(years[0], years[-1] - 1), years[-1]
    span = last - first

    def x(year: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (year - first) / span, 1)

    parts = [
        f'<svg class="nzd-chart" role="img" aria-labelledby="nzd-chart-title nzd-chart-desc" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="nzd-chart-title">{escape(title)}</title>',
        f'<desc id="nzd-chart-desc">{escape(description)}</desc>',
        f'<line class="nzd-chart__axis" x1="{LEFT}" y1="{AXIS}" x2="{WIDTH - RIGHT}" y2="{AXIS}"/>',
    ]
    last_label_x = -100.0
    for year in years:
        # Years too close to the previous label go on a second line instead of overlapping it.
        second_line = x(year) - last_label_x < 36
        last_label_x = x(year) if not second_line else last_label_x
        parts.append(f'<text class="nzd-chart__year" x="{x(year)}" y="{AXIS + (36 if second_line else 24)}" text-anchor="middle">{year}</text>')
        parts.append(
            f'<g class="nzd-chart__item"><title>{escape(dot_title.format(year=year, n=counts[year]))}</title>'
            f'<circle cx="{x(year)}" cy="{AXIS - 16}" r="11"/>'
            f'<text x="{x(year)}" y="{AXIS - 12}" text-anchor="middle">{counts[year]}</text></g>'
            f'<line class="nzd-chart__tick" x1="{x(year)}" y1="{AXIS - 5}" x2="{x(year)}" y2="{AXIS + 5}"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
