"""The performance cycle: SKP, evidence, evaluation, predikat, distribution (PermenPANRB 6/2022)."""
