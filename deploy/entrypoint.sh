#!/bin/sh
# BF1 Pub : point d'entrée de l'image Docker (web et worker).
#   RUN_MIGRATIONS=1      applique les migrations avant de démarrer (service web) ;
#   STATIC_EXPORT_DIR=... recopie les fichiers statiques de l'image dans ce dossier
#                         (le volume que nginx sert sous /static/).
# Puis lance la commande de l'image (gunicorn) ou celle donnée (daphne pour le
# service « ws », qcluster, shell...).
set -eu

if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
    echo "entrypoint: python manage.py migrate --noinput"
    python manage.py migrate --noinput
fi

if [ -n "${STATIC_EXPORT_DIR:-}" ]; then
    # Les anciens fichiers (noms avec empreinte) restent : une page encore ouverte
    # sur l'ancienne version trouve toujours sa feuille de style.
    echo "entrypoint: copie de ${STATIC_ROOT} vers ${STATIC_EXPORT_DIR}"
    cp -R --preserve=timestamps "${STATIC_ROOT}/." "${STATIC_EXPORT_DIR}/"
fi

exec "$@"
