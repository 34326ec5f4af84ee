"""The campaign advisor: four answers (objective, audience, budget, period) turned
into a campaign priced by the pricing engine itself.

`choices` (the answers offered), `plan` (pure: rules and answers in, plans priced
by `simulator.pricing.price` out, never over the budget), `rules` (the
editor-managed rules read from the database as plain data)."""
