"""Writes of the as-run import (issue 19), one module per step: `upload`
(register a file: hash, private copy, job queued), `run` (the job: read, then
each broadcast day matched and applied in its own transaction by `apply`),
`review` (a person resolves a discrepancy), `inbox` (the watched folder) and
`sweeper` (imports left stranded)."""
