"""Présentation: the club's figures slide by slide, full screen, for a reception.

A start screen chooses the year and the buyers; then one slide at a time, moved by the arrows,
Page Up / Page Down (presenters' remotes), a click, or by itself at a chosen pace.
"""

from ui import data, presentation, session, slide_views

session.allow()  # an official's page
slide_views.inject_css()
overview = data.overview(data.version())
show = presentation.current(overview)

if show.slide == 0:
    presentation.start_screen(overview, show)
else:
    presentation.slides(overview, show)
