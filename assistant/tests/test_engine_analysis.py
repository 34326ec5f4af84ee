"""French analysis: accents, case, SMS spelling, stems, synonyms and the
editors' own synonym groups."""

from __future__ import annotations

from assistant.analysis import Analyzer, default_analyzer, fold, words


def test_accents_and_case_are_folded():
    assert fold("Publicité À 20 H, Œuvre") == "publicite a 20 h, oeuvre"
    analyzer = default_analyzer()
    assert analyzer.analyse("PUBLICITÉ") == analyzer.analyse("publicite")
    assert analyzer.analyse("diffusion") == analyzer.analyse("Diffusions")


def test_plurals_and_stems_meet():
    analyzer = default_analyzer()
    assert analyzer.analyse("vidéos") == analyzer.analyse("video")
    assert analyzer.analyse("attestations") == analyzer.analyse("attestation")
    assert analyzer.analyse("facturation") == analyzer.analyse("factures")


def test_sms_spelling_is_rewritten():
    assert words("cb coute 1 pub pr ma vid") == [
        "combien",
        "coute",
        "1",
        "pub",
        "pour",
        "ma",
        "video",
    ]
    analyzer = default_analyzer()
    assert analyzer.analyse("cb coute 1 pub") == analyzer.analyse("Combien coûte 1 publicité")


def test_stop_words_and_elisions_are_dropped():
    analyzer = default_analyzer()
    assert analyzer.analyse("Où est l'attestation ?") == analyzer.analyse("attestation")
    assert analyzer.analyse("le la les de du des") == []


def test_synonyms_share_one_term():
    analyzer = default_analyzer()
    assert analyzer.term("pub") == analyzer.term("spot") == analyzer.term("annonce")
    assert analyzer.term("prix") == analyzer.term("tarif") == analyzer.term("combien")
    assert analyzer.term("JT") == analyzer.term("journal")
    assert analyzer.term("certificat") == analyzer.term("attestation")
    assert analyzer.analyse("preuve de diffusion") == [analyzer.term("attestation")]
    assert (
        analyzer.analyse("mot de passe") == analyzer.analyse("mdp") == analyzer.analyse("password")
    )


def test_combien_de_temps_is_a_delay_not_a_price():
    analyzer = default_analyzer()
    terms = analyzer.analyse("combien de temps pour la validation")
    assert analyzer.term("prix") not in terms
    assert analyzer.term("délai") in terms


def test_editors_groups_are_added_and_join_known_groups():
    analyzer = Analyzer([["bissap", "jus d'oseille"], ["réclame", "commercial tv"]])
    assert analyzer.analyse("jus d'oseille") == analyzer.analyse("bissap")
    assert analyzer.analyse("commercial tv") == [analyzer.term("pub")]


def test_signature_ignores_order_accents_and_repeats():
    analyzer = default_analyzer()
    assert analyzer.signature("Facture mobile money") == analyzer.signature(
        "mobile money facture facture"
    )
    assert analyzer.signature("???") == ""
