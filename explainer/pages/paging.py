"""Lists split into pages: ``folder/`` holds the first, ``folder/page/2/`` the second, and so on.

Every list a reader can open (the home page, a tag, a topic, the A-Z of names)
is cut at a page size from ``explainer.toml``, so no page lists a thousand
explainers. Each page of a list is its own ``Planned`` page with its own
digest: adding an explainer re-renders the pages whose items moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence, TypeVar

from explainer.pages.environment import Planned, SiteView, digest

T = TypeVar("T")


@dataclass(frozen=True)
class Paging:
    """Where one page sits in its list: its number, how many pages there are, and the list's folder."""

    number: int
    count: int
    folder: str  # "" for the home page, "tags/russia/" for a tag
    total: int = 0  # items in the whole list

    def path(self, number: int) -> str:
        """The site path (no leading '/') of page ``number`` of this list."""
        return self.folder if number == 1 else f"{self.folder}page/{number}/"

    @property
    def previous(self) -> str | None:
        """The path of the page before this one, if any."""
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """The path of the page after this one (the "more" link), if any."""
        return self.path(self.number + 1) if self.number < self.count else None

    @property
    def file(self) -> str:
        """The file this page is written to."""
        return self.path(self.number) + "index.html"


def split(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in pages of ``size``; an empty list is one empty page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


def plan_pages(view: SiteView, folder: str, items: Sequence[T], size: int, template: str,
               shown: Callable[[Sequence[T]], Any], **context: Any) -> Iterable[Planned]:
    """One ``Planned`` page per page of ``items``, rendered from ``template`` with ``items`` and ``paging``.

    ``shown`` digests what a page shows of its items; ``context`` is the rest the
    template shows, the same on every page of the list (it goes into each digest).
    """
    chunks = split(items, size)
    # Digested once for all the pages: an entity's context holds every quote of it the site has.
    common = digest(sorted(context.items(), key=lambda kv: kv[0]))
    for number, chunk in enumerate(chunks, start=1):
        paging = Paging(number, len(chunks), folder, len(items))
        # Made from the same items (the same objects) and equal settings as last time: the same page (``reuse``).
        yield view.reuse.get(("paged", folder, number), chunk, (template, paging, common),
                             lambda chunk=chunk, paging=paging: Planned(  # type: ignore[misc]
                                 paging.file, digest(template, paging, shown(chunk), common),
                                 view.template(template, paging.file, items=chunk, paging=paging, **context)))
