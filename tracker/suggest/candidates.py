"""Which sentences are worth suggesting: the ones that say something datable or countable.

Captions, credits, reference lists, datelines and donation appeals carry
dates and numbers too; an analyst would reject every one of them, so they
are left out before the normalizer runs.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# A heading after which the rest of the article is apparatus, not reporting.
END_OF_BODY = re.compile(
    r"^\s*(references|notes|footnotes|endnotes|related posts|related content|read more|"
    r"sources|bibliography)\s*$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"©|copyright|all rights reserved|may not be republished|please contact|"
    r"^images? source|^credit:|^photo:|^close-up view|^overview of|^graphic of|"
    r"\b(updated|published)\s+\w+\.?\s+\d{1,2},\s+\d{4}\s+at\b|@\w|https?://",
    re.IGNORECASE,
)
# Cheap test before the normalizer: a digit, a number word, a month or weekday, or a
# relative period. The normalizer decides; this only spares it sentences with none.
_MAYBE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"hundreds?|thousands?|millions?|billions?|half|several|few|"
    r"jan(uary)?|feb(ruary)?|march|april|may|june|july|aug(ust)?|sept?(ember)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"weekend|yesterday|today|week|month|year|since|until)\b",
    re.IGNORECASE,
)
# Sentences shorter than this (in words, outside figures and dates) are headings or datelines.
MIN_WORDS = 6


# The outlet talking to its readers ("you can help", "our reporting"), outside quotes.
_TO_READERS = re.compile(r"\b(you|your|we|our|us)\b|^(You|Your|We|Our)\b")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
_PLAIN_WORD = re.compile(r"(?<!\S)[a-z]+[,.;:]?(?!\S)")
_FINAL = re.compile(r"[.!?][\"”’')\]]*$|[\"”]$")
# A sentence needs this many plain lowercase words to be prose, not a dateline or credit.
MIN_PROSE_WORDS = 3


def is_furniture(sentence: str) -> bool:
    """A caption, credit, link, dateline or appeal to readers rather than reporting."""
    if _FURNITURE.search(sentence) or len(sentence.split()) < MIN_WORDS:
        return True
    # A line without final punctuation is a headline, heading or caption.
    if not _FINAL.search(sentence):
        return True
    if len(_PLAIN_WORD.findall(sentence)) < MIN_PROSE_WORDS:
        return True
    return bool(_TO_READERS.search(_QUOTED.sub("", sentence)))


def may_carry_figure_or_date(sentence: str) -> bool:
    return bool(_MAYBE.search(sentence))


# Events dated by a named period rather than a calendar date ("after the end of the Cold
# War", "at the start of the pandemic", "during the spring and summer").
NAMED_PERIOD = re.compile(
    r"\b(?:after|during|before|since|until|at the (?:start|end|height) of|in)\s+(?:the\s+)?"
    r"(?:end of the\s+|start of the\s+)?(?:Cold War|Korean War|pandemic|spring|summer|autumn|"
    r"fall|winter|war)\b"
)


def names_a_period(sentence: str) -> bool:
    return bool(NAMED_PERIOD.search(sentence))


# A line carrying a photo credit is a caption.
_CAPTION = re.compile(r"\b(?:Credit|Photo|Image|Caption)s?:\s|\(Photo\b", re.IGNORECASE)


def is_caption(line: str) -> bool:
    return bool(_CAPTION.search(line))


class CaptionLines:
    """``is_caption`` of the line(s) around each sentence of one text, with the text read
    once: a paragraph of a megabyte is one line, and reading it again for each of its
    sentences took time growing with the square of its length."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        found = list(_CAPTION.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def around(self, start: int, end: int) -> bool:
        """Whether the lines holding text[start:end] carry a caption's credit."""
        before = bisect_left(self.breaks, start)
        first = self.breaks[before - 1] + 1 if before else 0
        after = bisect_left(self.breaks, end)
        last = self.breaks[after] if after < len(self.breaks) else self.length
        # Matches do not overlap, so the first one starting in the lines ends first.
        index = bisect_left(self.starts, first)
        return index < len(self.starts) and self.ends[index] <= last
