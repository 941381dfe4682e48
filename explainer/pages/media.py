"""Files beside the articles in ``content/articles/`` (pictures, PDFs), published under ``media/``."""

from __future__ import annotations

from typing import Iterable

from explainer.model import Asset
from explainer.pages.environment import Planned, SiteView, digest


def plan(view: SiteView) -> Iterable[Planned]:
    """One file per asset, copied byte for byte; a new size or modification time publishes it again."""
    for asset in view.site.assets:
        yield Planned(f"media/{asset.name}", digest("media", asset.name, asset.stamp),
                      lambda annotations, asset=asset: _read(asset))  # type: ignore[misc]


def _read(asset: Asset) -> bytes:
    """The asset's bytes, read when the file is written."""
    return asset.path.read_bytes()
