"""Open to all (RGAA / WCAG 2.1 AA): what the page adds to Streamlit's own markup (carried by the HTML shell,
ui.shell), the app's icon served by the app itself (checked in a real Chromium by tests/e2e/tour.py); the
charts' palette is core/palette.py."""

from pathlib import Path

# The browser tab's icon, a file of the repository: Streamlit turns an SVG file into a data: address, where a
# `:material/…:` page icon makes every browser ask a Google host for it (Material Symbols « handshake »,
# Apache-2.0, Google).
PAGE_ICON = Path(__file__).with_name("handshake.svg")

# Grey captions at 4.5:1 at least on white and on the sidebar's grey: Streamlit draws them at 60 % opacity, which
# reads at 2.5:1 to 3.8:1; here opaque, in a grey of 5:1 on the sidebar (its code at 7:1).
CAPTION_GREY = "#66635f"
CSS = f"""<style>
[data-testid="stCaptionContainer"] {{opacity: 1}}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{color: {CAPTION_GREY}}}
</style>"""

# Streamlit's sidebar navigation puts each section's header and links in a <div> inside its <ul>: a screen reader
# hears no list. The <ul> becomes a plain container, each section a list of its links, named by its header.
NAV_LISTS = """<script>
(() => {
  const doc = window.document;
  if (doc.defaultView.__passerellesNavLists) return;
  doc.defaultView.__passerellesNavLists = true;
  const fix = () => {
    for (const items of doc.querySelectorAll('[data-testid="stSidebarNavItems"]:not([role])')) {
      items.setAttribute('role', 'none');
    }
    for (const items of doc.querySelectorAll('[data-testid="stSidebarNavItems"]')) {
      for (const section of items.children) {
        if (section.tagName !== 'DIV' || section.getAttribute('role') === 'list') continue;
        section.setAttribute('role', 'list');
        const header = section.querySelector(':scope > [data-testid="stNavSectionHeader"]');
        if (header) {
          header.setAttribute('role', 'none');
          section.setAttribute('aria-label', header.textContent.trim());
        }
      }
    }
  };
  fix();
  new MutationObserver(fix).observe(doc.body, {childList: true, subtree: true});
})();
</script>"""

