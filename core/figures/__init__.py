"""The figures an élu reads: filters, indicators, the contracts' progress, the follow-up alerts and the masking
of small counts.
"""
