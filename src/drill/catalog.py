"""Finding questions: the home list's filter, shared by the TUI and tests.

The filter looks for every word of the query as a substring of a question's id, 题型,
source, tags and prompt, so one- and two-character Chinese terms match as well as longer
ones (a trigram index would miss them; the store makes the texts: `Store.search_texts`).
`QuestionSearch` keeps those texts in memory and narrows the last result when the query
only grew, which is what typing does.
"""

from __future__ import annotations

from collections.abc import Iterable

from drill.text import to_simplified


def query_words(query: str) -> list[str]:
    """The words of a filter query, Simplified and lower-cased."""
    return to_simplified(query).lower().split()


class QuestionSearch:
    """The ids of the bank in order and, once `load`ed, the text to search for each."""

    def __init__(self, ids: list[str], texts: Iterable[tuple[str, str]] | None = None) -> None:
        self.ids = ids
        self.texts: list[str] | None = None
        self._last: tuple[list[str], list[int]] = ([], [])
        if texts is not None:
            self.load(texts)

    def load(self, rows: Iterable[tuple[str, str]]) -> None:
        """Take the search texts as `(id, text)` in id order (the ids with them)."""
        ids, texts = [], []
        for qid, text in rows:
            ids.append(qid)
            texts.append(text)
        self.ids, self.texts = ids, texts
        self._last = ([], list(range(len(ids))))

    def find(self, query: str) -> list[str] | None:
        """The ids of the questions containing every word of `query`, in id order; None while
        the texts are not loaded and there is something to look for."""
        words = query_words(query)
        if not words:
            return self.ids
        if self.texts is None:
            return None
        last_words, last_rows = self._last
        narrowing = len(words) >= len(last_words) and all(old in new for old, new in zip(last_words, words))
        rows = last_rows if narrowing else range(len(self.ids))
        texts = self.texts
        for word in words:
            rows = [i for i in rows if word in texts[i]]
        self._last = (words, rows)
        return [self.ids[i] for i in rows]
