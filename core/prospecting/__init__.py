"""Prospecting from the published contracts (DECP): the contracts that could have carried a clause, judged by the
checklist's own rules (core.clauses.relevance), best first; it joins decp and clauses, so it sits above both."""
