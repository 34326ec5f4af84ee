import pytest

from simulator.demo import ensure_demo_rate_card


@pytest.fixture
def card(db):
    """BF1's 2025 demo card (published, open-ended)."""
    return ensure_demo_rate_card()[0]
