from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.exceptions import AccountError
from accounts.forms import CategoryRequestForm, CompanyForm, ProfileForm
from accounts.profile_sections import profile_sections
from core.errors import add_domain_errors


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    profile_form = ProfileForm(
        request.POST if action == "profile" else None,
        request.FILES if action == "profile" else None,
        instance=user,
        prefix="profile",
    )
    company_form = category_form = None
    if user.advertiser_id:
        company_form = CompanyForm(
            request.POST if action == "company" else None,
            instance=user.advertiser,
            prefix="company",
        )
        category_form = CategoryRequestForm(
            request.POST if action == "category" else None,
            request.FILES if action == "category" else None,
            prefix="category",
        )
    password_form = PasswordChangeForm(user, request.POST if action == "password" else None)

    if action == "profile" and profile_form.is_valid():
        data = profile_form.cleaned_data
        photo = data.get("photo")
        services.update_profile(
            user=user,
            data=data,
            photo=photo if photo and hasattr(photo, "content_type") else None,
            remove_photo=photo is False,
        )
        messages.success(request, _("Your profile has been updated."))
        return redirect("accounts:profile")
    if action == "company" and company_form is not None and company_form.is_valid():
        services.update_company(user=user, data=company_form.cleaned_data)
        messages.success(request, _("Your company details have been updated."))
        return redirect("accounts:profile")
    if action == "category" and category_form is not None and category_form.is_valid():
        try:
            services.request_category(
                user=user,
                category=category_form.cleaned_data["category"],
                document=category_form.cleaned_data["document"],
            )
        except AccountError as error:
            add_domain_errors(category_form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent to the commercial team, who will check "
                    "the document and let you know."
                ),
            )
            return redirect(f"{reverse('accounts:profile')}?tab=company")
    if action == "password" and password_form.is_valid():
        password_form.save()
        update_session_auth_hash(request, password_form.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:profile")
    if action:
        messages.error(request, _("Please correct the errors below."))
    if user.pk:
        user.refresh_from_db()
    context = {
        "profile_form": profile_form,
        "company_form": company_form,
        "category_form": category_form,
        "password_form": password_form,
        "active": action or request.GET.get("tab") or "profile",
    }
    # The tabs other apps add (e.g. notifications' e-mail switches, saved by its
    # own form and URL), each with what its panel needs.
    sections = profile_sections()
    for section in sections:
        context.update(section.context(user))
    context["profile_sections"] = sections
    return render(request, "accounts/profile.html", context, status=400 if action else 200)
