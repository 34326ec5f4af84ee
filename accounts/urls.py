from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .views import auth, profile, registration

app_name = "accounts"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("home/", auth.role_home, name="home"),
    path("register/", registration.register, name="register"),
    path("register/confirm/<str:token>/", registration.confirm_email, name="confirm_email"),
    path("register/resend/", registration.resend_confirmation, name="resend_confirmation"),
    path("profile/", profile.profile, name="profile"),
    path("password-reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
