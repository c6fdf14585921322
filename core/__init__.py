"""Passerelles' domain, without Streamlit: the store, the accounts, the club's conventions, the exchange files,
the figures, the clauses, the exports, the published contracts (DECP) and the demo.
"""
