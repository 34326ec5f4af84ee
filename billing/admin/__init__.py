"""The screens of the admin "Facturation" menu (registered by `billing.wagtail_hooks`)."""
