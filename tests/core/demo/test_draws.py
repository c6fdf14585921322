"""The demo's faster draws are random's very draws: the same results and the generator left in the same state."""

import random

import pytest

from core.demo.draws import pick, shuffle, weighted


@pytest.mark.parametrize("size", [0, 1, 2, 3, 7, 8, 9, 64, 65, 1000])
def test_shuffle_swaps_as_random_shuffle(size):
    ours, theirs = random.Random(size), random.Random(size)
    a, b = list(range(size)), list(range(size))
    for _ in range(5):
        shuffle(ours, a)
        theirs.shuffle(b)
        assert a == b
    assert ours.random() == theirs.random()  # as many bits drawn


def test_pick_draws_as_random_choices():
    population, weights = list("abcdefg"), [5, 1, 0, 3, 8, 2, 1]
    ours, theirs = random.Random(7), random.Random(7)
    cum, total = weighted(weights)
    assert [pick(ours, population, cum, total) for _ in range(500)] == [
        theirs.choices(population, weights)[0] for _ in range(500)]
    assert ours.random() == theirs.random()
