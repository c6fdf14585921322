"""Weighted draws of the demo generator, the very draws of `random.choices`, with the weights summed once."""

import random
from bisect import bisect_right
from itertools import accumulate


def weighted(weights: list[int]) -> tuple[list[int], float]:
    """The running sums of `weights` and their total, as random.choices makes them on every call."""
    cum = list(accumulate(weights))
    return cum, cum[-1] + 0.0


def pick(rng: random.Random, population: list, cum: list[int], total: float):  # noqa: ANN201 - an item of it
    """`rng.choices(population, weights)[0]` with the weights summed once (`weighted`): the very same draw (one
    `random()`, the same bisection), without the sums and the list of every call (a million at 1 M entries)."""
    return population[bisect_right(cum, rng.random() * total, 0, len(population) - 1)]


def shuffle(rng: random.Random, items: list) -> None:
    """`rng.shuffle(items)`, the very same swaps (Python 3.11's algorithm, its `_randbelow` by `getrandbits`
    inlined): one Python call per shuffle, not two per item (a million items a month at 1 M entries)."""
    getrandbits = rng.getrandbits
    for i in reversed(range(1, len(items))):
        n = i + 1
        k = n.bit_length()
        j = getrandbits(k)
        while j >= n:
            j = getrandbits(k)
        items[i], items[j] = items[j], items[i]

