"""Writes of the broadcasting domain, one module per job: `inventory` (breaks from
the grid), `placement` (scheduler runs), `hand_changes` (hand placements, moves
and removals, also importable from `placement`), `placement_admin` (priority),
`airings` (confirmations, missed airings and make-goods), `certificates`
(issuing and checking broadcast certificates). Beneath them: `running_order`
(break locks, fill, positions), `rules` (placement rules and their messages),
`campaign_status` (the campaign moves the running order causes) and `notices`."""
