"""Query input cannot grow a worker's caches without bound."""

import random

from portal.search import analysis


def test_folding_many_new_characters_keeps_the_cache_bounded():
    rng = random.Random(16)
    chars = [chr(c) for c in rng.sample(range(0x20, 0x2FFFF), 60000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(chars), 20):
        query = "".join(chars[start:start + 20])
        assert analysis.fold(query) == "".join(map(analysis.fold_uncached, query))
    assert len(analysis._FOLD) <= analysis.FOLD_CACHE_SIZE


def test_terms_no_document_has_are_not_cached(app):
    client = app.test_client()
    assert client.get("/api/search?q=条例").status_code == 200
    from portal.search import live

    index_dir = str(app.config["INDEX_DIR"])
    generation = next(g for p, g in live._GENERATIONS.items() if str(p).startswith(index_dir))
    before = len(generation._cache)
    rng = random.Random(5)
    for _ in range(50):
        query = "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(6))
        assert client.get("/api/search", query_string={"q": query}).status_code == 200
    assert len(generation._cache) - before < 20
