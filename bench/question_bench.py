"""Questions citizens ask (bench/questions.yaml): how many the first result answers, and the top five.

    python bench/question_bench.py --corpus ../shared/corpus [--corpus ../shared/scale-corpus] --work /tmp/qb

Builds the live index of content/ plus the given folders in --work and asks every question of the
live search (the frozen search returns the same top five: tests/test_search_parity.py and
tests/test_search_scale.py).  An answer is a title substring, optionally with the article anchor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.search.live import build_index  # noqa: E402
from portal.search.service import search  # noqa: E402


def answered(result, case: dict) -> bool:
    """Whether a result is the document (and article) the question asks for."""
    anchor = case.get("anchor")
    return case["answer"] in result.title and (not anchor or result.url.endswith("#" + anchor))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, default=[])
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args()
    cases = yaml.safe_load((ROOT / "bench" / "questions.yaml").read_text(encoding="utf-8"))
    folders = [str(ROOT / "content"), *map(str, args.corpus)]
    app = create_app({"TESTING": True, "CONTENT_DIRS": folders, "INDEX_DIR": str(args.work / "index"),
                      "GENERATED_CACHE_DIR": str(args.work / "generated")})
    build_index(app)
    first = top5 = 0
    for case in cases:
        results = search(app, case["q"]).results[:5]
        hit = next((i for i, r in enumerate(results) if answered(r, case)), None)
        first += hit == 0
        top5 += hit is not None
        print(f"{'1' if hit == 0 else hit + 1 if hit is not None else '-':>2}  {case['q']}  →  "
              f"{results[0].title if results else '(none)'}")
    n = len(cases)
    print(f"\n{n} questions over {len(app.extensions['portal.catalog'].entries)} documents: "
          f"first result {first}/{n} ({first / n:.0%}), top five {top5}/{n} ({top5 / n:.0%})")


if __name__ == "__main__":
    main()
