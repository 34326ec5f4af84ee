"""What every app of BF1 Pub shares, importing no app: the domain error, money
(FCFA), the clock (broadcast day), throttling, file sniffing, formula-safe
tabular writers and the branded PDF document (docs/decisions/0009-core.md)."""
