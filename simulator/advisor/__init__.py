"""The campaign advisor: four answers (objective, audience, budget, period) turned
into a campaign priced by the pricing engine itself.

Pure, no database: `choices` (the answers offered), `steps` (the answers read
from the query string), `mix` (how airings are shared among bands), `plan` (rules
and answers in, plans priced by `simulator.pricing.price` out, never over the
budget), `texts` (the sentences). The editor-managed rules are read from the
database by `simulator.advisor_rules`; the demo's by `simulator.advisor_demo`."""
