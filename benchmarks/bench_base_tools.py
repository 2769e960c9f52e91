#!/usr/bin/env python3
"""Throughput of municipality_base's pure-Python tools (no Odoo, no database).

Every report line, list view and import row may call these, so they must stay
cheap. Prints operations per second for each; run with `python3 benchmarks/bench_base_tools.py`.
"""

import datetime
import importlib.util
import pathlib
import sys
import timeit

TOOLS = pathlib.Path(__file__).resolve().parent.parent / "addons" / "municipality_base" / "tools"


def load_tools():
    spec = importlib.util.spec_from_file_location("municipality_base_tools", TOOLS / "__init__.py",
                                                  submodule_search_locations=[str(TOOLS)])
    package = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = package
    spec.loader.exec_module(package)
    from municipality_base_tools import amount_words, identifiers, jalali  # noqa: PLC0415
    return jalali, amount_words, identifiers


def main():
    jalali, amount_words, identifiers = load_tools()
    days = [datetime.date(2020, 1, 1) + datetime.timedelta(days=i) for i in range(3650)]
    texts = [jalali.format_jalali(d) for d in days]
    amounts = [i * 7919 + 1_250_000 for i in range(3650)]
    cases = {
        "to_jalali": lambda: [jalali.to_jalali(d) for d in days],
        "format_jalali %Y/%m/%d": lambda: [jalali.format_jalali(d) for d in days],
        "format_jalali %d %B %Y, Persian digits": lambda: [jalali.format_jalali(d, "%d %B %Y", True) for d in days],
        "parse_jalali": lambda: [jalali.parse_jalali(t) for t in texts],
        "amount_to_words_fa": lambda: [amount_words.amount_to_words_fa(a) for a in amounts],
        "is_valid_national_id": lambda: [identifiers.is_valid_national_id("0499370899") for _ in days],
        "normalize_mobile": lambda: [identifiers.normalize_mobile("+98 912 123 4567") for _ in days],
    }
    print(f"{'operation':42} {'per second':>12}")
    for name, run in cases.items():
        best = min(timeit.repeat(run, number=1, repeat=5))
        print(f"{name:42} {len(days) / best:12,.0f}")


if __name__ == "__main__":
    main()
