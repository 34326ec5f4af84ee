class AccountError(Exception):
    """A business rule of the accounts app was broken; the message is shown to
    the user as is."""
