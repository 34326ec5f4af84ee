# Coverage requests, crew and assignments arrive with the editorial issue.
