"""The tour of the pages of the role « admin » (tests/e2e/tour.py): axe, outside requests, French at each width;
the admin's pages that draw as the facilitator's are read by the facilitator's tour."""

import re

import pytest

from tests.e2e.conftest import ROOT
from tests.e2e.tour import RoleTour

pytestmark = pytest.mark.e2e


class TestAdminTour(RoleTour):
    ROLE = "admin"


def test_only_the_navigation_and_the_admin_page_tell_an_admin_apart():
    """What the admin's tour leaves to the facilitator's holds: no other page or layer names the admin role."""
    naming = {str(path.relative_to(ROOT)) for folder in ("pages", "ui") for path in (ROOT / folder).rglob("*.py")
              if re.search(r"Role\.ADMIN|[\"']admin[\"']", path.read_text(encoding="utf-8"))}
    assert naming == {"pages/admin.py"}
