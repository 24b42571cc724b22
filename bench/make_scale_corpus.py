"""Generate a large, realistic corpus for the search benchmark (never committed: bench/scale-corpus/ is ignored).

Real articles and paragraphs of /work/shared/corpus/laws are recombined, at run time, into new
documents with the portal's front matter and 章/第N条 structure: ≥ 3,000 documents, ≥ 50 MB.

    .venv/bin/python bench/make_scale_corpus.py [--docs 3400] [--megabytes 63] [--out bench/scale-corpus]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "shared" / "corpus" / "laws"
ARTICLE = re.compile(r"^第[零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*")
DIGITS = "零一二三四五六七八九"
REGIONS = ("全国", "重庆市", "重庆市巫山县", "四川省", "湖北省", "贵州省", "陕西省")
PREFIXES = ("", "重庆市", "巫山县", "四川省", "关于", "国务院关于", "最高人民法院关于")
SUFFIXES = ("", "实施办法", "实施细则", "若干规定", "（试行）", "暂行办法", "工作规程")


def chinese(number: int) -> str:
    """An article number as written in Chinese law (1 → 一, 21 → 二十一, 105 → 一百零五)."""
    if number < 10:
        return DIGITS[number]
    if number < 20:
        return "十" + (DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return DIGITS[number // 10] + "十" + (DIGITS[number % 10] if number % 10 else "")
    rest = number % 100
    tail = "" if rest == 0 else ("零" + chinese(rest) if rest < 10 else (
        "一" + chinese(rest) if rest < 20 else chinese(rest)))
    return DIGITS[number // 100] + "百" + tail


def read_sources(folder: Path) -> tuple[list[str], list[str], list[dict]]:
    """Article bodies (label stripped, paragraphs kept), chapter titles and the real front matters."""
    articles, chapters, metas = [], [], []
    for path in sorted(folder.glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        metas.append(yaml.safe_load(front))
        current: list[str] | None = None
        for block in re.split(r"\n\s*\n", body):
            block = block.strip()
            if block.startswith("#"):
                heading = re.match(r"^##\s+第\S+章\s*(\S.*)$", block)
                if heading:
                    chapters.append(heading.group(1))
                current = None
            elif ARTICLE.match(block):
                current = [ARTICLE.sub("", block)]
                articles.append(current)
            elif current is not None and block:
                current.append(block)
    return ["\n\n".join(a) for a in articles], [c for c in chapters if c and len(c) < 20], metas


def _title(rng: random.Random, metas: list[dict], number: int) -> str:
    stem = re.sub(r"^(中华人民共和国|最高人民法院|国务院|关于)+", "", rng.choice(metas)["title"])
    return f"{rng.choice(PREFIXES)}{stem}{rng.choice(SUFFIXES)}（第{number}号）"


def _body(rng: random.Random, articles: list[str], chapters: list[str], target: int) -> str:
    parts, size, number, chapter = [], 0, 0, 0
    while size < target:
        if number % rng.randint(6, 14) == 0:
            chapter += 1
            heading = f"## 第{chinese(chapter)}章 {rng.choice(chapters)}"
            parts.append(heading)
            size += len(heading.encode("utf-8"))
        number += 1
        text = f"第{chinese(number)}条 {rng.choice(articles)}"
        parts.append(text)
        size += len(text.encode("utf-8"))
    return "\n\n".join(parts) + "\n"


def generate(out: Path, docs: int, megabytes: float, seed: int = 20240426) -> tuple[int, int]:
    """Write ``docs`` documents of about ``megabytes`` MB in total under ``out/laws``; return (files, bytes)."""
    articles, chapters, metas = read_sources(SOURCE)
    rng = random.Random(seed)
    shutil.rmtree(out, ignore_errors=True)
    folder = out / "laws"
    folder.mkdir(parents=True)
    mean = megabytes * 1_000_000 / docs
    total = 0
    for i in range(docs):
        target = int(min(max(rng.lognormvariate(0, 0.6) * mean * 0.84, 2_000), mean * 6))
        source = rng.choice(metas)
        year = rng.randint(1985, 2025)
        front = {
            "title": _title(rng, metas, i + 1), "level": source.get("level"), "region": rng.choice(REGIONS),
            "version_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "history": [f"{year}年 通过"],
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + _body(rng, articles, chapters, target)
        path = folder / f"scale-{i + 1:05d}.md"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return docs, total


def main(argv: list[str] | None = None) -> int:
    """Command line: generate the corpus and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3400)
    parser.add_argument("--megabytes", type=float, default=60)
    parser.add_argument("--out", type=Path, default=HERE / "scale-corpus")
    args = parser.parse_args(argv)
    files, size = generate(args.out, args.docs, args.megabytes)
    print(f"wrote {files} documents, {size / 1e6:.1f} MB, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
