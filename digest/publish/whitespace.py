"""Markdown extension (mkdocs.yml `markdown_extensions`): Python-Markdown's `normalize_whitespace` preprocessor
with its last step written as a faster regular expression of the same effect.

The stock step, `re.sub(r'(?<=\\n) +\\n', '\\n', source)`, empties every line made only of spaces (not the first
line); Python's regular-expression engine tries the look-behind at every position of the page. `\\n +(?=\\n)`
removes the same runs of spaces (those between two line breaks) and starts with a literal line break, which
the engine finds quickly.
"""

from __future__ import annotations

import re

from markdown import util
from markdown.extensions import Extension
from markdown.preprocessors import NormalizeWhitespace

#: A run of spaces between two line breaks, with the first one.
_BLANK_LINE_SPACES = re.compile(r"\n +(?=\n)")


class FastNormalizeWhitespace(NormalizeWhitespace):
    """`NormalizeWhitespace.run` (Python-Markdown 3.11.3, copied) with the faster expression."""

    def run(self, lines: list[str]) -> list[str]:
        source = '\n'.join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        source = _BLANK_LINE_SPACES.sub('\n', source)
        return source.split('\n')


class WhitespaceExtension(Extension):
    """`normalize_whitespace` made faster, when it is Python-Markdown's own."""

    def extendMarkdown(self, md) -> None:
        if "normalize_whitespace" in md.preprocessors and type(md.preprocessors["normalize_whitespace"]) is NormalizeWhitespace:
            md.preprocessors.register(FastNormalizeWhitespace(md), "normalize_whitespace", 30)


def makeExtension(**kwargs) -> WhitespaceExtension:
    return WhitespaceExtension(**kwargs)
