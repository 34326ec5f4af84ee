from .auth import EmailAuthenticationForm, EmailPasswordResetForm, ResendConfirmationForm
from .profile import CompanyForm, ProfileForm
from .registration import RegistrationForm

__all__ = [
    "CompanyForm",
    "EmailAuthenticationForm",
    "EmailPasswordResetForm",
    "ProfileForm",
    "RegistrationForm",
    "ResendConfirmationForm",
]
