"""The charts' colours, defined once for the pages and the PowerPoint deck: colour-blind-safe (WCAG 2.1 « 1.4.1
Utilisation de la couleur »)."""

# Okabe & Ito's palette (2008), told apart under every common colour blindness: the charts' colours, here only.
OKABE_ITO = {"orange": "#e69f00", "sky_blue": "#56b4e9", "bluish_green": "#009e73", "yellow": "#f0e442",
             "blue": "#0072b2", "vermillion": "#d55e00", "reddish_purple": "#cc79a7", "black": "#000000"}
# Hours done in the theme's green, Okabe-Ito's bluish green darkened to 6:1 on white; what is planned in sky blue,
# much lighter; a line to read against (jobs, a target) in vermillion.
DONE, PLANNED, ACCENT = "#0b6e4f", OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"]
NOT_INFORMED = "#e3e3e3"
