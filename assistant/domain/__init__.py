"""Domain vocabulary and pure rules: fraud types, outcomes, banks, amounts, identifiers."""
