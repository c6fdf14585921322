"""The tour of the pages of the role « anonyme » (tests/e2e/tour.py): axe, outside requests, French at each width."""

import pytest

from tests.e2e.tour import RoleTour

pytestmark = pytest.mark.e2e


class TestAnonymeTour(RoleTour):
    ROLE = "anonyme"
