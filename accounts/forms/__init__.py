from .auth import EmailAuthenticationForm, EmailPasswordResetForm, ResendConfirmationForm
from .profile import CategoryRequestForm, CompanyForm, ProfileForm
from .registration import RegistrationForm

__all__ = [
    "CategoryRequestForm",
    "CompanyForm",
    "EmailAuthenticationForm",
    "EmailPasswordResetForm",
    "ProfileForm",
    "RegistrationForm",
    "ResendConfirmationForm",
]
