from .auth import EmailAuthenticationForm, ResendConfirmationForm
from .profile import CompanyForm, ProfileForm
from .registration import RegistrationForm

__all__ = [
    "CompanyForm",
    "EmailAuthenticationForm",
    "ProfileForm",
    "RegistrationForm",
    "ResendConfirmationForm",
]
