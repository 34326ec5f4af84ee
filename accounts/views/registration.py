from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.exceptions import AccountError
from accounts.forms import RegistrationForm, ResendConfirmationForm
from accounts.roles import home_url


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect(home_url(request.user))
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # An address that already has an account gets the same answer as a
            # new one (its owner is e-mailed instead): nobody learns who is a client.
            services.sign_up(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                company_name=data["company_name"],
                sector=data.get("sector"),
                ifu=data.get("ifu", ""),
                rccm=data.get("rccm", ""),
                address=data.get("address", ""),
            )
        except AccountError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "accounts/register_done.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


@require_http_methods(["GET"])
def confirm_email(request, token: str):
    try:
        user = services.confirm_email(token=token)
    except AccountError as exc:
        return render(
            request,
            "accounts/confirm_failed.html",
            {"message": str(exc), "form": ResendConfirmationForm()},
            status=400,
        )
    messages.success(request, _("Your e-mail address is confirmed. You can now book campaigns."))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(home_url(user))
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return redirect("home")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    initial = {}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = ResendConfirmationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.resend_confirmation(email=form.cleaned_data["email"])
        messages.success(
            request,
            _("If an unconfirmed account uses this address, a new link has been sent to it."),
        )
        if request.user.is_authenticated:
            return redirect(home_url(request.user))
        return redirect("accounts:login")
    return render(request, "accounts/resend_confirmation.html", {"form": form})
