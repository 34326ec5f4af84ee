"""Writes of the editorial app that carry a business rule, one module per area:
`intake` (the requests sent from the public form, checked by `intake_rules`),
`desk` (the desk's decisions on a request), `missions` (the crew on a mission),
`confirmation` (telling the crew, their confirmation, the reminder), `crew`
(the crew members and the vehicles); `common` holds what they share."""
