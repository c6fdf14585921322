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
