"""Where the connector to SECeF (the tax office's certification system) goes once
its interface is published. Until then, documents wait for a manual record."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class SecefCertifier:
    mode = "secef"

    def certify(self, document):
        logger.warning(
            "SECeF connector not available yet: %s awaits a manual certification", document
        )
        return None
