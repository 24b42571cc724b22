"""The parse cache the commands keep between runs: reused while a file's bytes are the same, never stale."""

from __future__ import annotations

import os

from portal.content.loader import load_catalog
from portal.content.parse_cache import StoredParseCache

from .conftest import write


def _load(content_dir, store, code="v1"):
    cache = StoredParseCache(store, code)
    catalog = load_catalog([content_dir], cache)
    cache.save()
    return catalog, cache


def test_a_second_run_parses_nothing_and_reads_the_same_catalogue(content_dir, tmp_path):
    store = tmp_path / "cache" / "parsed.pickle"
    first, cache = _load(content_dir, store)
    assert cache.misses > 0 and store.is_file()
    second, cache = _load(content_dir, store)
    stored = [e for e in first.entries.values() if e.section in ("laws", "news", "pages")]
    assert stored and cache.misses == len(first.entries) - len(stored)
    assert {k: (e.title, e.html) for k, e in second.entries.items()} == {
        k: (e.title, e.html) for k, e in first.entries.items()
    }


def test_same_size_and_time_but_other_bytes_is_parsed_again(content_dir, tmp_path):
    store = tmp_path / "parsed.pickle"
    news = content_dir / "news" / "first.md"
    _load(content_dir, store)
    stat = news.stat()
    text = news.read_text(encoding="utf-8")
    news.write_text(text.replace("巫山", "重庆", 1), encoding="utf-8")  # same length in bytes
    os.utime(news, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert news.stat().st_size == stat.st_size
    catalog, _ = _load(content_dir, store)
    assert "重庆" in catalog.get("news", "first").title + catalog.get("news", "first").text


def test_another_version_of_the_code_ignores_the_store(content_dir, tmp_path):
    store = tmp_path / "parsed.pickle"
    _load(content_dir, store, code="v1")
    _, cache = _load(content_dir, store, code="v2")
    assert cache.loaded == 0


def test_entries_with_attachments_are_not_stored(content_dir, tmp_path):
    front = "---\ntitle: 附件\nattachments:\n  - file: a.txt\n    title: 附件一\n---\n"
    write(content_dir, "news/with-file.md", front + "正文\n")
    write(content_dir, "news/a.txt", "附件内容")
    store = tmp_path / "parsed.pickle"
    catalog, _ = _load(content_dir, store)
    assert catalog.get("news", "with-file").attachments
    reloaded = StoredParseCache(store, "v1")
    assert not any(str(path).endswith("with-file.md") for path in reloaded.results)


def test_entry_fingerprints_are_stored_with_the_entries_and_never_stale(content_dir, tmp_path):
    """A build reads each unchanged entry's fingerprint from the store instead of hashing it again."""
    from portal.pipeline.digest import own_print, print_parsed

    store = tmp_path / "parsed.pickle"

    def load():
        cache = StoredParseCache(store, "v1", print_parsed)
        catalog = load_catalog([content_dir], cache)
        cache.save()
        return catalog.get("news", "first")

    first = load()
    again = load()
    assert again is not first and again.__dict__["_own_print"] == own_print(first)
    news = content_dir / "news" / "first.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    edited = load()
    fresh = type(edited)(**{f: getattr(edited, f) for f in edited.__dataclass_fields__})  # no stored print
    assert own_print(edited) == own_print(fresh) != own_print(first)


def test_a_run_that_parsed_only_unstored_files_leaves_the_store_as_it_was(content_dir, tmp_path):
    """Campaigns, curricula … are parsed on every run: that alone must not rewrite a store of every law."""
    store = tmp_path / "parsed.pickle"
    front = "---\ntitle: 附件\nattachments:\n  - file: a.txt\n    title: 附件一\n---\n"
    write(content_dir, "news/with-file.md", front + "正文\n")
    write(content_dir, "news/a.txt", "附件内容")
    _load(content_dir, store)
    written = store.stat().st_mtime_ns
    os.utime(store, ns=(written - 10**9, written - 10**9))
    _, cache = _load(content_dir, store)
    assert cache.misses > 0  # the entry with an attachment was parsed again
    assert store.stat().st_mtime_ns == written - 10**9
    news = content_dir / "news" / "first.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n改。\n", encoding="utf-8")
    _load(content_dir, store)
    assert store.stat().st_mtime_ns != written - 10**9
