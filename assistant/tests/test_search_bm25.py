"""BM25 over analysed passages: ranking, typos, one passage per source, and the
in-process index reloaded after a rebuild (never rebuilt by a search)."""

from __future__ import annotations

import pytest

from assistant import search
from assistant.analysis import default_analyzer
from assistant.models import Passage
from assistant.passages import PassageData
from assistant.search import BM25Index, Doc
from assistant.services.index import rebuild_index


def _index(texts: dict[str, str]) -> BM25Index:
    analyzer = default_analyzer()
    docs = [Doc(key, key, "", text, f"/{key}/") for key, text in texts.items()]
    return BM25Index(docs, [analyzer.analyse(text) for text in texts.values()])


def _top(index: BM25Index, question: str, k: int = 3, **options) -> list[str]:
    terms = default_analyzer().analyse(question)
    return [doc.source_key for doc, _ in index.top(terms, k=k, **options)]


TEXTS = {
    "faq:format": "Quel format pour la vidéo du spot ? MP4 ou MOV, H.264, 1920×1080.",
    "faq:facture": "Vos factures se téléchargent en PDF depuis votre espace client.",
    "faq:attestation": "L'attestation de diffusion liste chaque passage confirmé.",
    "page:about": "BF1 est une chaîne de télévision privée basée à Ouagadougou.",
}


def test_the_passage_sharing_the_rare_words_comes_first():
    index = _index(TEXTS)
    assert _top(index, "format video")[0] == "faq:format"
    assert _top(index, "telecharger mes factures")[0] == "faq:facture"


def test_synonyms_and_typos_find_the_passage():
    index = _index(TEXTS)
    assert _top(index, "certificat de diffusion")[0] == "faq:attestation"
    assert _top(index, "atestation")[0] == "faq:attestation"
    assert _top(index, "facure")[0] == "faq:facture"


def test_a_repeated_word_weighs_more_and_long_passages_less():
    index = _index(
        {
            "short": "tarif du spot",
            "long": "tarif " + " ".join(f"mot{i}" for i in range(80)),
        }
    )
    assert _top(index, "tarif", minimum=0)[0] == "short"


def test_nothing_shared_means_no_hit_and_order_is_deterministic():
    index = _index(TEXTS)
    assert _top(index, "zzzz qwerty") == []
    twins = _index({"b": "spot publicitaire", "a": "spot publicitaire"})
    assert [doc.source_key for doc, _ in twins.top(["pub"], k=2, minimum=0)] == ["b", "a"]


def test_one_passage_per_source():
    analyzer = default_analyzer()
    docs = [
        Doc("page:guide", "Guide", "Vidéo", "format vidéo mp4", "/g/"),
        Doc("page:guide", "Guide", "Son", "format vidéo son", "/g/"),
        Doc("faq:format", "Format", "", "format de la vidéo", "/f/"),
    ]
    index = BM25Index(docs, [analyzer.analyse(doc.text) for doc in docs])
    found = index.top(analyzer.analyse("format video"), k=3, minimum=0)
    assert sorted(doc.source_key for doc, _ in found) == ["faq:format", "page:guide"]


@pytest.mark.django_db
def test_search_reads_the_rebuilt_passages_and_never_rebuilds(django_assert_max_num_queries):
    extra = [
        PassageData("page", "page:bissap", "Le bissap", "", "Le jus de bissap du Faso.", "/b/"),
    ]
    rebuild_index(extra=extra)
    assert [hit.source_key for hit in search.search("bissap")] == ["page:bissap"]
    with django_assert_max_num_queries(1):  # the generation only: nothing reloaded
        search.search("bissap")
    Passage.objects.all().delete()  # a search never rebuilds: the same generation is kept
    assert [hit.source_key for hit in search.search("bissap")] == ["page:bissap"]
    rebuild_index(extra=[])
    assert search.search("bissap") == []


@pytest.mark.django_db
def test_hits_are_plain_text_excerpts():
    long_text = "Le format vidéo MP4. " + "Phrase de remplissage assez longue. " * 12
    others = [PassageData("page", f"page:{n}", "Autre", "", "Le journal.", "/o/") for n in range(5)]
    rebuild_index(extra=[PassageData("page", "page:x", "X", "Format", long_text, "/x/"), *others])
    (hit,) = search.search("format mp4")
    assert hit.excerpt.endswith("…") and len(hit.excerpt) <= search.EXCERPT_CHARS + 1
    assert (hit.title, hit.heading, hit.url) == ("X", "Format", "/x/")
