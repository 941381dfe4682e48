"""What a long-lived process (``explainer serve``) keeps of the last plan: values made from the very same inputs.

Planning a site digests every page's inputs; on a 1,000-article site with
thousands of entity pages that took most of a one-article rebuild. Between two
builds of one session almost every input is the same object as before (the
content loaded from unchanged files, the annotation summaries the memo keeps,
the listings made from both), so a value made last time from inputs that are
the same objects (``is``) and equal small values (``==``) is the value this
build would make: it is handed back instead. A ``Reuse`` belongs to one Jinja
environment and settings (``Session.environment``); a build without a session
gets a fresh one, which never reuses anything.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable, Sequence, TypeVar

T = TypeVar("T")


class Reuse:
    """Values from the last plan by key, with the inputs they were made from; each plan keeps only what it used."""

    def __init__(self) -> None:
        self._last: dict[Hashable, tuple[tuple[Any, ...], tuple[Any, ...], Any]] = {}
        self._now: dict[Hashable, tuple[tuple[Any, ...], tuple[Any, ...], Any]] = {}

    def get(self, key: Hashable, same: Sequence[Any], equal: Sequence[Any], make: Callable[[], T]) -> T:
        """The value kept under ``key`` if it was made from the same objects ``same`` and values ``equal``; else ``make()``."""
        same, equal = tuple(same), tuple(equal)
        old = self._last.get(key)
        if old is not None and len(old[0]) == len(same) and old[1] == equal and \
                all(a is b for a, b in zip(old[0], same)):
            value = old[2]
        else:
            value = make()
        self._now[key] = (same, equal, value)
        return value  # type: ignore[no-any-return]

    def last(self, key: Hashable) -> Any:
        """The value the last plan kept under ``key`` (by ``get`` or ``keep``), or None: for a caller that works out
        itself what of it still holds."""
        old = self._last.get(key)
        return None if old is None else old[2]

    def keep(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` under ``key`` for the next plan's ``last``."""
        self._now[key] = ((), (), value)

    def done(self) -> None:
        """The plan is complete: what it used is what the next one may reuse."""
        self._last, self._now = self._now, {}
