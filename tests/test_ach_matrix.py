"""Heuer's scoring rule on his own worked matrix (Psychology of Intelligence Analysis,
ch. 8, figure 15: "Will Iraq retaliate for US bombing of its intelligence headquarters?").

H1: Iraq will not retaliate. H2: it will sponsor some minor terrorist actions.
H3: it is planning a major terrorist attack. + is C, ++ CC, - I, -- II.
"""

from __future__ import annotations

from tracker.ach.matrix import Matrix, assess, hand_matrix

HYPOTHESES = ("H1", "H2", "H3")
HEUER = {
    "E1 Saddam's public statement of intent not to retaliate": ("C", "C", "C"),
    "E2 no terrorist offensive during the 1991 Gulf War": ("C", "C", "I"),
    "E3 assumption: Iraq would not want to provoke another US attack": ("C", "C", "I"),
    "E4 more and longer Iraqi agent radio broadcasts": ("I", "C", "C"),
    "E5 Iraqi embassies told to take more security precautions": ("I", "C", "C"),
    "E6 assumption: not retaliating is an unacceptable loss of face": ("II", "C", "C"),
}
E1, E2, E3, E4, E5, E6 = HEUER


def test_heuers_matrix_ranks_by_inconsistency() -> None:
    result = assess(hand_matrix(HYPOTHESES, HEUER))
    # By hand: H1 = 1 (E4) + 1 (E5) + 2 (E6) = 4; H2 = 0; H3 = 1 (E2) + 1 (E3) = 2.
    assert [(s.hypothesis, s.inconsistency, s.rank) for s in result.scores] == [
        ("H2", 0.0, 1),
        ("H3", 2.0, 2),
        ("H1", 4.0, 3),
    ]
    h1 = result.scores[2]
    assert [t.claim for t in h1.against] == [E6, E4, E5]  # largest first, then by name


def test_evidence_consistent_with_everything_is_not_diagnostic() -> None:
    # Heuer: E1 is consistent with all three hypotheses, so it helps choose none.
    assert assess(hand_matrix(HYPOTHESES, HEUER)).not_diagnostic == (E1,)


def test_the_conclusion_rests_on_two_items() -> None:
    # Reversing E2 or E3 makes H2 and H3 tie (1 each): the lead is no longer H2's alone.
    # No single removal changes the lead, nor does reversing E4, E5 or E6 (H2 stays lowest).
    assert assess(hand_matrix(HYPOTHESES, HEUER)).sensitive == (E2, E3)


def test_weights_scale_the_evidence_against() -> None:
    # A weak E6 (weight 0.25) and weak E4/E5 (0.5): H1 = 0.5 + 0.5 + 2 x 0.25 = 1.5 < H3 = 2.
    weights = {E4: 0.5, E5: 0.5, E6: 0.25}
    result = assess(hand_matrix(HYPOTHESES, HEUER, weights))
    assert [(s.hypothesis, s.inconsistency) for s in result.scores] == [
        ("H2", 0.0),
        ("H1", 1.5),
        ("H3", 2.0),
    ]


def test_evidence_for_a_hypothesis_does_not_prove_it() -> None:
    # Piling up consistent evidence on H1 changes nothing: only evidence against counts.
    rows = dict(HEUER) | {f"extra {i}": ("CC", "N", "N") for i in range(20)}
    result = assess(hand_matrix(HYPOTHESES, rows))
    assert result.ranking() == ("H2", "H3", "H1")


def test_tied_hypotheses_share_a_rank() -> None:
    result = assess(hand_matrix(("A", "B"), {"x": ("I", "I"), "y": ("C", "C")}))
    assert [s.rank for s in result.scores] == [1, 1]
    assert result.not_diagnostic == ("x", "y")


def test_a_tie_for_the_lead_is_not_broken_into_sensitivity() -> None:
    """With A and B tied, removing or reversing x (or y) leaves A (or B) alone in the lead:
    that chooses between the leaders, it brings no other hypothesis in. Only w can."""
    rows = {
        "x": ("I", "N", "N"),
        "y": ("N", "I", "N"),
        "w": ("N", "N", "II"),
        "z": ("C", "C", "C"),
    }
    result = assess(hand_matrix(("A", "B", "C"), rows))
    # By hand: A = 1 (x), B = 1 (y), C = 2 (w): A and B share the lead.
    assert [(s.hypothesis, s.inconsistency, s.rank) for s in result.scores] == [
        ("A", 1.0, 1),
        ("B", 1.0, 1),
        ("C", 2.0, 2),
    ]
    assert result.leaders() == ("A", "B")
    # Without x: A 0, B 1, C 2 (A alone leads, inside the old lead); x reversed (I -> C):
    # the same. Without w: C 0 leads; w reversed (II -> CC): C 0 leads. z is alike
    # under all three (not diagnostic).
    assert result.sensitive == ("w",)
    assert result.not_diagnostic == ("z",)


def test_a_claim_that_lets_a_trailing_hypothesis_join_a_tie_is_sensitive() -> None:
    rows = {"x": ("I", "N", "N"), "y": ("N", "I", "N"), "u": ("N", "N", "I"), "v": ("N", "N", "I")}
    result = assess(hand_matrix(("A", "B", "C"), rows, {"u": 0.5}))
    # By hand: A = 1, B = 1, C = 0.5 (u) + 1 (v) = 1.5. Without u (or u reversed, I -> C):
    # C = 1, a three-way tie, C now among the leaders. Without v: C = 0.5 leads alone.
    assert [(s.hypothesis, s.inconsistency) for s in result.scores] == [
        ("A", 1.0),
        ("B", 1.0),
        ("C", 1.5),
    ]
    assert result.sensitive == ("u", "v")


def test_when_every_hypothesis_ties_nothing_is_sensitive() -> None:
    # A = B = 0: reversing x (C -> I) puts A at 1 and leaves B leading alone, inside the tie.
    result = assess(hand_matrix(("A", "B"), {"x": ("C", "N")}))
    assert result.leaders() == ("A", "B")
    assert result.sensitive == ()


def test_hypotheses_nothing_is_rated_for_or_against_are_unrated() -> None:
    # A: nothing but N (and a missing rating, also N); B: consistent evidence only, so it
    # scores 0 too, but something is rated for it; C: 1 against it.
    matrix = Matrix(
        ("A", "B", "C"),
        ("p", "q"),
        {("A", "p"): "N", ("B", "p"): "C", ("C", "p"): "I", ("B", "q"): "N"},
    )
    result = assess(matrix)
    assert result.ranking() == ("A", "B", "C")
    assert result.unrated == ("A",)
    assert assess(hand_matrix(HYPOTHESES, HEUER)).unrated == ()
