"""Command line: argument parsing and printing only. Each verb is the twin of an api function
(parser.py builds the arguments, commands.py runs them; main turns errors into one line)."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any, Sequence

from ..errors import AllegraphError, Interrupted, UsageError, shown

from .commands import COMMANDS, _settings, format_rows, format_table
from .parser import WARNINGS_SHOWN, build_parser

__all__ = ["COMMANDS", "WARNINGS_SHOWN", "build_parser", "format_rows", "format_table", "main"]


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM and SIGINT stop a run cleanly, saying what was kept: the parser's worker processes are
    stopped first (left running, they would keep the parent waiting for them), then the command
    unwinds as from Ctrl-C, closing the store."""
    from ..extract.pipeline import stop_workers

    stop_workers()
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("ALLEGRAPH_DEBUG") == "1"
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
        signal.signal(signal.SIGINT, _terminate)
    try:
        args = build_parser().parse_args(argv)
        if not args.command:
            build_parser().print_help()
            return 2
        return COMMANDS[args.command](args, _settings(args))
    except BrokenPipeError:  # 'allegraph report | head': the reader left; nothing more to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Interrupted as exc:
        print(shown(f"Error: {exc}"), file=sys.stderr)
        return 130
    except UsageError as exc:
        if debug:
            traceback.print_exc()
        print(shown(f"Error: {exc}"), file=sys.stderr)
        return 2
    except AllegraphError as exc:
        if debug:
            traceback.print_exc()
        print(shown(f"Error: {exc}"), file=sys.stderr)
        return 1
    except OSError as exc:  # an output path that cannot be written, a folder without permission
        if debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        print(shown(f"Error: {where}{exc.strerror or exc}; check the path and its permissions"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Error: interrupted; whatever was committed is kept, run the command again to finish", file=sys.stderr)
        return 130
