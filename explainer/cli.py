"""The ``explainer`` command: build, serve, annotate, new, entities stub."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

from explainer import signals
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
    parser.add_argument("--no-wait", dest="wait", action="store_false",
                        help="if another build of this site is running, exit with status 1 instead of waiting")


def _command(commands: Any, name: str, help: str, example: str) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with an example."""
    return commands.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".",
                               epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer", description="Build annotated news explainers.",
        epilog="start with:\n  explainer init my-site && cd my-site && explainer serve",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"explainer {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    init = _command(commands, "init", "make a new site in a new or empty folder",
                    "explainer init my-site && cd my-site && explainer build")
    init.add_argument("folder", type=Path, help="the folder to make the site in")
    build = _command(commands, "build", "build the site into site/",
                     "explainer build --base-url https://user.github.io/repo/ --strict")
    _build_options(build)
    build.add_argument("--verbose", "-v", action="store_true",
                       help=f"list every warning (by default the first {WARNINGS_SHOWN} causes and a count)")
    serve = _command(commands, "serve", "build, serve on localhost and rebuild on every save (drafts shown)",
                     "explainer serve --port 8001")
    _build_options(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1; 0.0.0.0 exposes the preview to the network)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    annotate = _command(commands, "annotate", "print the annotation of one Markdown file",
                        "explainer annotate content/articles/my-story.md --json")
    _site_options(annotate)
    annotate.add_argument("file", type=Path)
    annotate.add_argument("--json", action="store_true", help="print JSON (the default and only format)")
    new = _command(commands, "new", "start a new article, as a draft dated today",
                   'explainer new "Lavrov in China"')
    _site_options(new)
    new.add_argument("title")
    entities = _command(commands, "entities", "knowledge-base tools", "explainer entities stub")
    entities.add_argument("action", choices=["stub"], help="stub: write files for entities not yet in content/entities")
    _site_options(entities)
    return parser


def _version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("explainer")
    except PackageNotFoundError:
        return "unknown (not installed)"


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

    report = build(_settings(args), _progress(), wait=args.wait)
    _report(report.warnings, verbose=args.verbose)
    print(report.summary(verbose=args.verbose))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """explainer serve."""
    from explainer.build import Builder
    from explainer.preview.server import serve

    # A loader, not settings: an edit to explainer.toml takes effect on the next rebuild.
    builder = Builder(wait=args.wait)
    return serve(lambda: _settings(args), args.host, args.port, builder)


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

    settings = load_settings(args.site)
    path = new_article(settings, args.title, dt.date.today())
    if path.is_relative_to(Path.cwd()):
        path = path.relative_to(Path.cwd())
    print(f"created {path} (a draft: explainer build leaves it out until you remove 'draft: true')")
    site = "" if args.site == Path(".") else f" --site {args.site}"
    print(f"preview it: explainer serve{site}, then open http://127.0.0.1:8000{settings.base_path}{path.stem}/")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """explainer init DIR."""
    from explainer.scaffold import NotEmpty, init_site

    try:
        written = init_site(args.folder)
    except NotEmpty as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"created {path}")
    print(f"next: cd {args.folder} && explainer serve   (then explainer new \"A title\" for your first story)")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    """explainer entities stub."""
    from explainer.scaffold import stub_entities

    written = stub_entities(load_settings(args.site))
    for path in written:
        print(f"created {path}")
    print(f"{len(written)} knowledge-base stub(s) written" if written else "every entity is in the knowledge base")
    return 0


COMMANDS = {"init": cmd_init, "build": cmd_build, "serve": cmd_serve, "annotate": cmd_annotate, "new": cmd_new,
            "entities": cmd_entities}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; user mistakes print ``path:line: message`` and exit 1, never a traceback."""
    args = _parser().parse_args(argv)
    handlers = {}
    if args.command in ("build", "serve") and threading.current_thread() is threading.main_thread():
        handlers = signals.install()  # Ctrl-C and SIGTERM stop a build the same clean way
    try:
        return _run(args)
    finally:
        signals.restore(handlers)


def _run(args: argparse.Namespace) -> int:
    """Run one command, turning every failure a user can act on into one line on stderr."""
    try:
        return COMMANDS[args.command](args)
    except BuildError as exc:
        _report(exc.problems)
        return 1
    except KeyboardInterrupt as exc:
        name = exc.name if isinstance(exc, signals.Stopped) else "Ctrl-C"
        signum = exc.signum if isinstance(exc, signals.Stopped) else 2
        if args.command == "build":
            print(f"explainer: stopped by {name}; site/ holds the last complete build", file=sys.stderr)
        return 128 + signum
    except Exception as exc:  # a model that will not load, a full disk: say what, not where in our code
        from concurrent.futures.process import BrokenProcessPool

        from explainer.annotate.cluster import ClusterError
        from explainer.annotate.nlp import ModelMissing
        from explainer.lock import Busy

        if isinstance(exc, BrokenProcessPool):
            exc = OSError("an annotation worker process stopped; site/ holds the last complete build")
        if isinstance(exc, (ModelMissing, ClusterError, OSError, Busy)):
            print(f"explainer: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
