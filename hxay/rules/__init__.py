"""Stage 1, rules: each obligation of the plan as a pure function (ledger, params, as_of) -> findings."""
