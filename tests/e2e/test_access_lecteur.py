"""The tour of the pages of the role « lecteur » (tests/e2e/tour.py): axe, outside requests, French at each width."""

import pytest

from tests.e2e.tour import RoleTour

pytestmark = pytest.mark.e2e


class TestLecteurTour(RoleTour):
    ROLE = "lecteur"
