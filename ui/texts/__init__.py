"""Every French text of the interface, reached as `ui.texts.NAME`, kept in one module per part of the app
(figure definitions live in core.figures.indicators; the few texts the exports print too live in core and are
re-exported here)."""

from core.accounts.auth import SESSION_ENDED as SESSION_ENDED  # a write refused and the frame's notice say the same
from core.exports.slides import DATA_AS_OF as DATA_AS_OF  # the deck's footer and the app's caption say the same
from ui.texts.admin import *  # noqa: F403
from ui.texts.clauses import *  # noqa: F403
from ui.texts.entry import *  # noqa: F403
from ui.texts.officials import *  # noqa: F403
from ui.texts.pipeline import *  # noqa: F403
from ui.texts.procurement import *  # noqa: F403
from ui.texts.prospecting import *  # noqa: F403
from ui.texts.reconciliation import *  # noqa: F403
from ui.texts.streamlit import *  # noqa: F403
