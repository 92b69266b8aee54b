"""`make bench`: run every bench/bench_*.py scenario; each prints one line per scenario."""

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402


def main() -> int:
    common.setup_django()
    only = sys.argv[1:]
    for module_path in sorted(HERE.glob("bench_*.py")):
        name = module_path.stem
        if only and name.removeprefix("bench_") not in only:
            continue
        importlib.import_module(name).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
