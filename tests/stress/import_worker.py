"""A large CSV import in its own process, for the crash test: writes its progress to a file as it goes.

python -m tests.stress.import_worker --db URL --login LOGIN --file customers.csv --progress progress.txt
"""

import argparse
import os
import sys
from pathlib import Path

from supportdesk.desk import Desk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--kind", default="customers")
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--progress", type=Path, required=True)
    args = parser.parse_args(argv)
    desk = Desk.open(args.db, args.login)

    def progress(done: int, total: int) -> None:
        if done % 200 == 0 or done == total:
            # Replaced atomically, so the test never reads half a number.
            partial = args.progress.with_suffix(".tmp")
            partial.write_text(f"{done} {total}")
            os.replace(partial, args.progress)

    summary = desk.run_import(args.kind, args.file.read_bytes(), source=args.file.name, progress=progress)
    args.progress.write_text(f"done {summary.created}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
