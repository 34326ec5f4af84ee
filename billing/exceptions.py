from core.errors import DomainError


class BillingError(DomainError):
    """A billing rule was broken; the message is shown to the user as is."""
