"""The `hxay` command and `python -m hxay`: an unchanged folder's repeated `validate`, `check`
or `report` is answered from the answer cache (api/answers.py) before the command line is
imported; every other run goes to the command line, recorded for the next time."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def main() -> None:
    gc.disable()  # as the command line does: one short process keeps what it allocates
    attempt = None
    try:
        from hxay.api.answers import prepare

        attempt = prepare(sys.argv[1:], os.environ, Path.cwd())
    except Exception:  # the cache only ever costs time: run the command instead
        attempt = None
    # an answer that cannot be written (a closed pipe) fails as the command would, never
    # running the command after part of its output went out
    code = attempt.replay() if attempt is not None else None
    from hxay.loading import cachesetting

    if code is not None:
        cachesetting.preread.clear()
        sys.exit(code)
    from hxay.cli import main as run

    if attempt is None:
        run()
        return
    attempt.start()
    try:
        run()
    except SystemExit as exc:
        attempt.finish(exc.code)
        raise
    finally:
        attempt.stop()
        cachesetting.preread.clear()  # never taken by a later load in this process


if __name__ == "__main__":
    main()
