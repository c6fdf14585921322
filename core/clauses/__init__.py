"""Whether a contract should carry a clause and with how many hours: the relevance checklist, the draft clause,
the assessments and the purchase plan.
"""
