"""/healthz: the state of the database, the cache and the task broker."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.health import check_all


@never_cache
@require_GET
def healthz(request):
    checks = check_all()
    healthy = all(item["ok"] for item in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
