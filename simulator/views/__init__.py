"""Public views of the simulator app: `rate` (the “Tarifs” page, its quote
request form and its PDF) and `simulator` (the “Simulateur” page's calculator).

They do the work of the Wagtail pages of `simulator.models.pages`, which never
import them: `SimulatorConfig.ready()` plugs them in (`register_page_handlers`).
The JSON API is `simulator.api` (and its ASGI fast lane, `simulator.fastlane`)."""
