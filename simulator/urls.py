from django.urls import path

from . import api

app_name = "simulator"

urlpatterns = [
    path("rate-card/", api.rate_card, name="api_rate_card"),
    path("quote/", api.quote, name="api_quote"),
]
