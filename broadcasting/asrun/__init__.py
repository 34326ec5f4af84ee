"""As-run import: the playout automation's log of what really went on air, read
(`readers`), matched against the running order and confirmed (issue 19)."""
