# syntax=docker/dockerfile:1
# BF1 Pub : image de production. Par défaut gunicorn (HTTP, workers synchrones) ;
# la même image sert au service « ws » (daphne : WebSocket sur /ws/) et au worker
# django-q2 (`manage.py qcluster`). Mode d'emploi dans docs/deployment.md, choix dans
# docs/decisions/0015-gunicorn-http-daphne-websocket.md.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- 1. builder : roues (wheels) des dépendances, traductions compilées -------------
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

# Le code, avec les fichiers .mo recompilés depuis les .po : l'interface française
# ne dépend pas d'un .mo oublié, et l'image finale n'a pas besoin de gettext.
COPY . /src
RUN cd /src \
    && if [ -d locale ]; then \
        find locale -name '*.po' -exec sh -ec \
            'for po do msgfmt --check-format -o "${po%.po}.mo" "$po"; done' sh {} + ; \
    fi

# --- 2. runtime -----------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=bf1portal.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/srv/media

# ffmpeg (ffprobe) : contrôle technique des spots vidéo envoyés.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*

# Utilisateur sans privilèges. Le code appartient à root (lecture seule pour bf1) ;
# bf1 n'écrit que dans /srv/media (fichiers envoyés) et /srv/static (copie des
# fichiers statiques pour nginx, voir deploy/entrypoint.sh).
RUN groupadd --system --gid 1000 bf1 \
    && useradd --system --uid 1000 --gid bf1 --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin bf1 \
    && mkdir -p /srv/media /srv/static \
    && chown bf1:bf1 /srv/media /srv/static

# Les roues sont montées le temps de l'installation : elles ne restent dans aucune
# couche de l'image.
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    --mount=type=bind,from=builder,source=/build,target=/tmp/build \
    pip install --no-index --find-links=/wheels -r /tmp/build/requirements.txt

WORKDIR /app
COPY --from=builder /src /app

# collectstatic a besoin des réglages de production, donc d'une SECRET_KEY : une
# valeur jetable, utilisée pour cette seule commande, jamais écrite dans l'image
# (ni ENV, ni fichier). La vraie clé vient de .env au démarrage.
ARG COLLECTSTATIC_SECRET_KEY=collectstatic-only-not-a-real-secret
RUN SECRET_KEY="${COLLECTSTATIC_SECRET_KEY}" python manage.py collectstatic --noinput \
    && chmod +x /app/deploy/entrypoint.sh

USER bf1
EXPOSE 8000

# /healthz : 200 quand la base, le cache et la file de tâches répondent, 503 sinon.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "/app/deploy/healthcheck.py"]

ENTRYPOINT ["/app/deploy/entrypoint.sh"]
# gunicorn : un worker synchrone par cœur (WEB_CONCURRENCY pour changer), réglages
# dans deploy/gunicorn.conf.py. L'adresse du visiteur vient de X-Forwarded-For posé
# par nginx (FORWARDED_ALLOW_IPS, bf1portal/wsgi.py). Le service « ws » remplace
# cette commande par daphne (docker-compose.yml).
CMD ["gunicorn", "-c", "/app/deploy/gunicorn.conf.py", "bf1portal.wsgi:application"]
