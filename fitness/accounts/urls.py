from django.contrib.auth import views as auth_views
from django.urls import path

import fitness.converters  # noqa: F401 (registers <token:…> and <text:…>)
from fitness.accounts import views

app_name = "accounts"

urlpatterns = [
    # Sign-in, sign-out
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/link/", views.magic_link_request, name="magic_link_request"),
    path("login/link/sent/", views.magic_link_sent, name="magic_link_sent"),
    path("login/link/<token:token>/", views.magic_link_login, name="magic_link_login"),
    # Password reset (by email) and change (signed in)
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<token:uidb64>/<token:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    # Sign-up
    path("signup/", views.signup, name="signup"),
    path("invite/<token:token>/", views.invite_accept, name="invite_accept"),
    # Account page and its forms
    path("", views.account, name="account"),
    path("profile/", views.profile_update, name="profile_update"),
    path("invites/", views.invite_create, name="invite_create"),
    path("invites/<uuid:invite_id>/revoke/", views.invite_revoke, name="invite_revoke"),
    path("delete/", views.account_delete, name="account_delete"),
]
