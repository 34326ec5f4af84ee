"""What the accountant takes away: the SYSCOHADA journal of the billing documents."""
