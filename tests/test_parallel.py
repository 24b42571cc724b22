"""Work run beside the build in a forked child: its result comes back, its failure is raised here."""

from __future__ import annotations

import os

import pytest

from portal.pipeline.parallel import Beside, ChildFailed


def test_the_child_returns_its_result_computed_in_another_process():
    parent = os.getpid()
    work = Beside(lambda: (os.getpid(), sum(range(1000))))
    child, total = work.result()
    assert child != parent and total == 499500


def test_a_failure_in_the_child_is_raised_with_its_message():
    def broken():
        raise ValueError("索引目录不可写")

    with pytest.raises(ChildFailed, match="索引目录不可写"):
        Beside(broken).result()
