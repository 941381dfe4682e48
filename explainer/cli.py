"""The ``explainer`` command: build, serve, annotate, new, entities stub."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Callable, Sequence, TextIO

from explainer.config import Settings, load_settings
from explainer.errors import WARNINGS_SHOWN, BuildError, Problem, summarized


def _site_options(parser: argparse.ArgumentParser) -> None:
    """Options every site command takes."""
    parser.add_argument("--site", type=Path, default=Path("."), help="the site's root folder (default: here)")


def _build_options(parser: argparse.ArgumentParser) -> None:
    """Options of commands that build."""
    _site_options(parser)
    parser.add_argument("--base-url", help="the URL the site is served under, e.g. https://user.github.io/repo/")
    parser.add_argument("--drafts", action="store_true", default=None, help="include articles marked draft")
    parser.add_argument("--strict", action="store_true", default=None, help="treat warnings as errors")
    parser.add_argument("--no-cache", dest="cache", action="store_false", default=None,
                        help="annotate every article again, ignoring the annotation cache")
    parser.add_argument("--jobs", type=int, help="worker processes for annotation (default: one per core)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="annotate on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786 "
                             "(needs pip install 'explainer[cluster]')")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description="Build annotated news explainers.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site into site/")
    _build_options(build)
    build.add_argument("--verbose", "-v", action="store_true",
                       help=f"list every warning (by default the first {WARNINGS_SHOWN} causes and a count)")
    serve = commands.add_parser("serve", help="build, serve on localhost and rebuild on every save")
    _build_options(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1; 0.0.0.0 exposes the preview to the network)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    annotate = commands.add_parser("annotate", help="print the annotation of one Markdown file")
    _site_options(annotate)
    annotate.add_argument("file", type=Path)
    annotate.add_argument("--json", action="store_true", help="print JSON (the default and only format)")
    new = commands.add_parser("new", help="start a new article")
    _site_options(new)
    new.add_argument("title")
    entities = commands.add_parser("entities", help="knowledge-base tools")
    entities.add_argument("action", choices=["stub"], help="stub: write files for entities not yet in content/entities")
    _site_options(entities)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    """Settings from explainer.toml with this command's options on top."""
    overrides = {k: getattr(args, k, None) for k in ("base_url", "drafts", "strict", "cache", "jobs", "scheduler")}
    return load_settings(args.site, **overrides)


def _report(problems: Sequence[Problem], verbose: bool = True) -> None:
    """Print problems on stderr, one line per cause (the first few warnings only, unless ``verbose``)."""
    for line in summarized(problems, None if verbose else WARNINGS_SHOWN):
        print(line, file=sys.stderr)


def _progress(stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A progress bar on a terminal (count, rate, time left), drawn only once a build has run a second.

    Off a terminal there is no bar: the build prints its one-line summary only.
    """
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    import shutil

    started = time.perf_counter()
    first: list[int] = []  # articles already done (cached) at the first report: not part of the rate
    drawn: list[bool] = []

    def show(done: int, total: int) -> None:
        if not first:
            first.append(done)
        elapsed = time.perf_counter() - started
        if total == 0 or (elapsed < 1 and not drawn) or (done == total and not drawn):
            return  # quick builds, and builds with nothing to annotate, print no bar
        rate = (done - first[0]) / elapsed
        left = f"{(total - done) / rate:.0f} s left" if rate and done < total else "done" if done == total else "…"
        tail = f" {done}/{total}  {rate:.1f}/s  {left}"
        width = max(10, min(40, shutil.get_terminal_size((80, 20)).columns - len(tail) - 14))
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        end = "\n" if done == total else ""
        stream.write(f"\rannotating [{bar}]{tail}\033[K{end}")
        stream.flush()
        drawn.append(True)

    return show


def cmd_build(args: argparse.Namespace) -> int:
    """explainer build."""
    from explainer.build import build

    report = build(_settings(args), _progress())
    _report(report.warnings, verbose=args.verbose)
    print(report.summary())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """explainer serve."""
    from explainer.build import Builder
    from explainer.preview.server import serve

    # A loader, not settings: an edit to explainer.toml takes effect on the next rebuild.
    return serve(lambda: _settings(args), args.host, args.port, Builder())


def cmd_annotate(args: argparse.Namespace) -> int:
    """explainer annotate FILE --json."""
    from explainer.annotate.service import annotate_file

    data, problems = annotate_file(args.file, load_settings(args.site))
    _report(problems)
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """explainer new "Title"."""
    from explainer.scaffold import new_article

    path = new_article(load_settings(args.site), args.title, dt.date.today())
    print(f"created {path}")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    """explainer entities stub."""
    from explainer.scaffold import stub_entities

    written = stub_entities(load_settings(args.site))
    for path in written:
        print(f"created {path}")
    print(f"{len(written)} knowledge-base stub(s) written" if written else "every entity is in the knowledge base")
    return 0


COMMANDS = {"build": cmd_build, "serve": cmd_serve, "annotate": cmd_annotate, "new": cmd_new,
            "entities": cmd_entities}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; user mistakes print ``path:line: message`` and exit 1, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BuildError as exc:
        _report(exc.problems)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a model that will not load, a full disk: say what, not where in our code
        from explainer.annotate.cluster import ClusterError
        from explainer.annotate.nlp import ModelMissing

        if isinstance(exc, (ModelMissing, ClusterError, OSError)):
            print(f"explainer: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
