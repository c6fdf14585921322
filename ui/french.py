"""Streamlit's own words in French, in every page and every role.

Streamlit 1.67 draws some texts of its own in English. Two ways put them in French:
- where a widget has a parameter for it, `ui.widgets` passes the French one (the select widgets'
  `placeholder`, the date inputs' `format`; a multiselect has no "Select all" row, `select_all=False`,
  since an empty filter already means all);
- where it has none (the uploader's texts, "Skip to main content", the date segments "dd / mm / yyyy",
  the tables' toolbars and menus, tooltips, "Press Enter to submit form", the running status, Plotly's
  toolbar), a small script that the HTML shell carries (ui.shell: there from the first paint, whatever the
  script run is doing) sets `<html lang="fr">` (Streamlit leaves "en", and screen readers would read
  French as English) and rewrites, with a MutationObserver, every text
  node and every placeholder / aria-label / title / data-title attribute that reads exactly one of the
  strings of `ui.texts.streamlit` (or matches one of its anchored patterns), as soon as Streamlit draws it.
Only whole strings are rewritten, never part of a sentence: a user's data that merely contains one of
these words is left alone. A new Streamlit version may add or reword a string: tests/e2e/test_french.py
walks every page in every role and fails on any English string it knows.
"""

import json

from ui.texts.streamlit import STREAMLIT_PATTERNS, STREAMLIT_TEXTS

ATTRIBUTES = ("placeholder", "aria-label", "title", "data-title")

_SCRIPT = """<script>
(() => {
  if (window.__passerellesFrench) return;
  window.__passerellesFrench = true;
  const texts = new Map(Object.entries(%(texts)s));
  const patterns = %(patterns)s.map(([source, french]) => [new RegExp(source), french]);
  const attributes = %(attributes)s;
  const french = (value) => {
    const core = value.trim();
    if (!core) return null;
    let said = texts.get(core);
    if (said === undefined) {
      const match = patterns.find(([pattern]) => pattern.test(core));
      if (!match) return null;
      said = core.replace(match[0], match[1]);
    }
    return value.replace(core, said);
  };
  const fix = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const said = french(node.nodeValue);
      if (said !== null && said !== node.nodeValue) node.nodeValue = said;
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      for (const name of attributes) {
        const value = node.getAttribute(name);
        const said = value && french(value);
        if (said && said !== value) node.setAttribute(name, said);
      }
    }
  };
  const fixAll = (root) => {
    fix(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) fix(walker.currentNode);
  };
  const html = document.documentElement;
  const lang = () => { if (html.lang !== "fr") html.lang = "fr"; };
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "childList") change.addedNodes.forEach(fixAll);
      else if (change.target === html) lang();
      else fix(change.target);
    }
  }).observe(html, {subtree: true, childList: true, characterData: true, attributes: true,
                    attributeFilter: [...attributes, "lang"]});
  lang();
  fixAll(document.body);
})();
</script>"""


# The page's script, with the table of ui.texts.streamlit written in: built once, written into the shell.
SCRIPT = _SCRIPT % {"texts": json.dumps(STREAMLIT_TEXTS, ensure_ascii=False),
                    "patterns": json.dumps(STREAMLIT_PATTERNS, ensure_ascii=False),
                    "attributes": json.dumps(ATTRIBUTES)}

