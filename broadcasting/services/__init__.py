"""Writes of the broadcasting domain, one module per job: `inventory` (breaks from
the grid), `placement` (scheduler runs, hand placements, moves), `airings`
(confirmations, missed airings and make-goods)."""
