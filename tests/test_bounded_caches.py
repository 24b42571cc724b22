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
