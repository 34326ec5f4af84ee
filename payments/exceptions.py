from core.errors import DomainError


class PaymentError(DomainError):
    """A payment rule was broken; the message is shown to the user as is."""
