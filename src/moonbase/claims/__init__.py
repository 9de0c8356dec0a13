"""Public claims about space compute, each tested by the model: the ledger, its arithmetic, limits and verdicts."""
