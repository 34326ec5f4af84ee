from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts.forms import EmailAuthenticationForm, EmailPasswordResetForm
from accounts.ratelimit import refusal_for
from accounts.roles import home_url, safe_next_url


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self):
        return safe_next_url(self.request, self.get_redirect_url()) or home_url(self.request.user)

    def get_redirect_url(self):
        # Called before and after login; the role check happens in get_success_url.
        return self.request.POST.get("next") or self.request.GET.get("next") or ""

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome, %(name)s.") % {"name": form.get_user()})
        return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]
    next_page = reverse_lazy("home")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are signed out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, limited per client address and per e-mail address
    (PASSWORD_RESET_RATE_PER_*): past the budget, a 429 page and no e-mail."""

    form_class = EmailPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        refusal = refusal_for(self.request, form="password-reset", email=form.cleaned_data["email"])
        if refusal is not None:
            return refusal
        return super().form_valid(form)


@login_required
def role_home(request):
    """Send a signed-in user to the home of their role."""
    return redirect(home_url(request.user))


def lockout_response(request, original_response=None, credentials=None):
    """Shown by django-axes when too many failed logins were made."""
    form = EmailAuthenticationForm(request)
    message = _(
        "Too many failed login attempts. For your security, this account is locked "
        "for 15 minutes from this connection. Try again later or reset your password."
    )
    if request.path.startswith("/admin/"):
        return render(request, "accounts/locked_out.html", {"message": message}, status=429)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": True, "lockout_message": message},
        status=429,
    )
