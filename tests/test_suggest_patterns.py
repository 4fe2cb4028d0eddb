"""Attribution cues, affiliation and pronoun resolution, hedges, subjects and derivation.

The sentences are the seed articles' own (or trimmed from them); the expected
speakers and subjects are what a reader of those sentences would say.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.models import Document, Source
from tracker.normalize.types import Quantity
from tracker.registry import SourceRegistry
from tracker.suggest.derivation import credited_in_text, credited_in_title, propose_derivations
from tracker.suggest.hedges import find_hedge
from tracker.suggest.resolve import resolve_speaker
from tracker.suggest.sentences import split_sentences, word_before
from tracker.suggest.speakers import SpeakerMemory, find_cue
from tracker.suggest.subjects import SubjectProfile, choose_subject, kind_of


def _sources() -> list[Source]:
    rows = [
        (
            "National Intelligence Service",
            "NIS",
            ["South Korea's National Intelligence Service", "South Korean intelligence"],
            "agency",
        ),
        ("Royal United Services Institute", "RUSI", [], "think_tank"),
        ("Open Nuclear Network", "ONN", [], "think_tank"),
        ("Jaewoo Shin", None, [], "person"),
        ("Joost Oliemans", None, [], "person"),
        ("White House", None, ["U.S. officials", "White House officials"], "government"),
        ("National Security Council", "NSC", [], "government"),
        ("Bloomberg", None, ["Bloomberg News"], "outlet"),
        ("Euromaidan Press", None, [], "outlet"),
        ("The Washington Post", None, ["Washington Post"], "outlet"),
    ]
    return [
        Source(id=i, name=n, short=s, aliases=a, kind=k)
        for i, (n, s, a, k) in enumerate(rows, start=1)
    ]


@pytest.fixture
def registry() -> SourceRegistry:
    return SourceRegistry(_sources())


def _who(
    sentence: str,
    registry: SourceRegistry,
    memory: SpeakerMemory | None = None,
    outlet: str = "Bloomberg",
) -> tuple[str | None, str | None]:
    """(resolved source name, speaker as written) for one sentence."""
    cue = find_cue(sentence)
    if cue is None:
        return None, None
    if memory is not None:
        cue = memory.refer(cue)
        memory.remember(cue)
    source = resolve_speaker(cue, registry, registry.exact(outlet))
    return (source.name if source else None), cue.speaker


# --- sentences ------------------------------------------------------------------------------


def test_sentences_keep_abbreviations_dates_and_pier_numbers_whole():
    text = (
        "In a recent example, an image from Dec. 9 seems to show the ship. U.S. officials said "
        "so. The RUSI report identified Pier No. 3, the northernmost pier.\n"
        "They were seen since late August.2 The latest trip was made by the Maria."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "In a recent example, an image from Dec. 9 seems to show the ship.",
        "U.S. officials said so.",
        "The RUSI report identified Pier No. 3, the northernmost pier.",
        "They were seen since late August.",  # the footnote marker belongs to neither
        "The latest trip was made by the Maria.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_sentence_never_crosses_a_line_and_list_markers_are_not_sentences():
    text = "References\n  1. U.S. Mission to the UN, Twitter, October 13, 2023.\nNext line here."
    assert [s.text for s in split_sentences(text)] == [
        "References",
        "1. U.S. Mission to the UN, Twitter, October 13, 2023.",
        "Next line here.",
    ]


@given(
    st.text(alphabet=st.sampled_from(list("aZ.. 9é\u00c9-'")), max_size=30),
    st.integers(0, 30),
)
def test_the_word_before_a_period_is_the_letters_and_periods_from_a_letter_on(
    line: str, dot: int
) -> None:
    """As the pattern ``[A-Za-z][A-Za-z.]*$`` finds it (ASCII letters only)."""
    import re

    dot = min(dot, len(line))
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", line[:dot])
    assert word_before(line, dot) == (m.group(1) if m else "")


def test_abbreviations_in_a_long_paragraph_do_not_end_its_sentences() -> None:
    line = "Officials in the U.S. said so. " * 2_000
    sentences = split_sentences(line)
    assert len(sentences) == 2_000
    assert {s.text for s in sentences} == {"Officials in the U.S. said so."}


# --- attribution patterns -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "source", "speaker"),
    [
        (
            "According to South Korean intelligence, North Korea has shipped around 10 loads.",
            "National Intelligence Service",
            "South Korean intelligence",
        ),
        (
            "This transfer was made between Sept. 7 and Oct. 1, U.S. officials said.",
            "White House",
            "U.S. officials",
        ),
        (
            "“Satellite imagery shows that round trips continued,” said Jaewoo Shin, an analyst "
            "at the Open Nuclear Network in Vienna.",
            "Jaewoo Shin",
            "Jaewoo Shin",
        ),
        (
            "South Korea’s National Intelligence Service told lawmakers in November there had "
            "been about 10 shipments.",
            "National Intelligence Service",
            "South Korea’s National Intelligence Service",
        ),
        (
            "RUSI estimated that at least five round trips were made.",
            "Royal United Services Institute",
            "RUSI",
        ),
        (
            "U.S. officials alleged last Friday that these munition boxes originated from "
            "North Korea.",
            "White House",
            "U.S. officials",
        ),
        (
            "Analysis by RUSI found that the operation may have started at the end of August.",
            "Royal United Services Institute",
            "RUSI",
        ),
        (
            "RUSI’s October report analysed dozens of high-resolution images.",
            "Royal United Services Institute",
            "RUSI",
        ),
        (
            "Satellite imagery shows that a dormant port has become active again, Bloomberg "
            "reported.",
            "Bloomberg",
            "Bloomberg",
        ),
        (
            "The Open Nuclear Network says at least six trips were made since August.",
            "Open Nuclear Network",
            "Open Nuclear Network",
        ),
        (
            "The latest delivery took place on Saturday, according to the RUSI analysis.",
            "Royal United Services Institute",
            "RUSI analysis",
        ),
    ],
)
def test_each_attribution_pattern_names_the_speaker(sentence, source, speaker, registry):
    assert _who(sentence, registry) == (source, speaker)


def test_images_show_is_the_outlets_own_reading_of_the_imagery(registry):
    sentence = (
        "Around the same time, there was a rapid expansion of munition pits near Tikhoretsk, "
        "about 180 miles from the Ukrainian border, images show."
    )
    assert _who(sentence, registry, outlet="The Washington Post") == (
        "The Washington Post",
        "images",
    )


def test_images_show_after_analyzed_by_is_that_analysts_reading(registry):
    memory = SpeakerMemory()
    _who(
        "But new satellite images, analyzed by the London-based Royal United Services "
        "Institute (RUSI), suggest this operation is regular.",
        registry,
        memory,
    )
    source, _ = _who(
        "They have made at least five trips since, according to the images.",
        registry,
        memory,
        outlet="The Washington Post",
    )
    assert source == "Royal United Services Institute"


def test_unknown_speaker_is_kept_as_written_and_never_created(registry):
    before = len(registry.sources)
    assert _who("Experts say this signals growing trade between the two countries.", registry) == (
        None,
        "Experts",
    )
    assert len(registry.sources) == before


# --- affiliation and pronouns ---------------------------------------------------------------


def test_person_unknown_to_registry_resolves_to_stated_affiliation(registry):
    sentence = (
        "That trade appears to have continued, according to Joseph Byrne, a research fellow at "
        "RUSI and co-author of the report."
    )
    assert _who(sentence, registry) == ("Royal United Services Institute", "Joseph Byrne")


def test_person_known_to_registry_is_the_person_not_the_affiliation(registry):
    sentence = "“Round trips continued,” said Jaewoo Shin, an analyst at the Open Nuclear Network."
    assert _who(sentence, registry)[0] == "Jaewoo Shin"


def test_role_before_the_name_gives_the_affiliation(registry):
    sentence = (
        "“This undermines regional stability,” National Security Council spokesman John Kirby said."
    )
    assert _who(sentence, registry) == ("National Security Council", "John Kirby")


def test_he_said_and_surname_said_resolve_to_the_last_named_speaker(registry):
    memory = SpeakerMemory()
    _who(
        "That trade appears to have continued, according to Joseph Byrne, a research fellow "
        "at RUSI.",
        registry,
        memory,
    )
    assert (
        _who("“There has been a continuation of deliveries,” he said.", registry, memory)[0]
        == "Royal United Services Institute"
    )
    _who(
        "“Round trips continued,” said Jaewoo Shin, an analyst at the Open Nuclear Network.",
        registry,
        memory,
    )
    _who(
        "“It will go on,” said Soo Kim, a former analyst at the Open Nuclear Network.",
        registry,
        memory,
    )
    assert _who("“It is unlikely to stop,” she said.", registry, memory)[0] == (
        "Open Nuclear Network"
    )
    # "Shin said" is Jaewoo Shin, not the last speaker (Soo Kim).
    assert (
        _who("Shin said the nature of the cargo can’t be confirmed.", registry, memory)[0]
        == "Jaewoo Shin"
    )


# --- hedges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        (
            "about 10 shipments since August, likely encompassing more than 1 million rounds",
            "likely",
        ),
        ("Some of those weapons allegedly reached Ukraine later.", "allegedly"),
        ("Analysis of satellite images suggests an ongoing exchange.", "suggests"),
        ("The activity appears to have picked up since early October.", "appears to"),
        ("An image from Dec. 9 seems to show the Russian container ship Angara.", "seems to"),
        (
            "The nature of the cargo can’t be confirmed with available imagery.",
            "can't be confirmed",
        ),
        ("vessels presumably carrying North Korean arms", "presumably"),
        ("possibly including weapons and other military supplies", "possibly"),
        ("North Korea may be sending arms to Russia.", "may"),
        ("The photo most likely depicts the Angara.", "most likely"),
        ("In May 2023 there were 300 shipping containers.", None),
        ("There had been about 10 shipments of weapons.", None),
    ],
)
def test_hedge_is_captured_as_printed(sentence, hedge):
    assert find_hedge(sentence) == hedge


# --- subjects -------------------------------------------------------------------------------


def _q(
    text: str,
    item: str | None = None,
    unit: str | None = None,
    per: str | None = None,
    start: int = 0,
) -> Quantity:
    return Quantity(text, start, start + len(text), 1.0, 1.0, 1.0, "approx", unit, item, per)


def test_180_km_and_180_miles_are_never_one_subject():
    najin = "the short trip between Najin and Dunay, about 180 kilometers (110 miles) away"
    km = _q("about 180 kilometers", unit="km", start=najin.index("about"))
    first = choose_subject(km, najin, [])
    assert not first.existing
    profiles = [SubjectProfile.from_name(first.name)]
    profiles[0].add_claim(None, "km", None)
    tikhoretsk = "an ammunition depot near Tikhoretsk, about 180 miles from the Ukrainian border"
    miles = _q("about 180 miles", unit="mi", start=tikhoretsk.index("about"))
    second = choose_subject(miles, tikhoretsk, profiles)
    assert not second.existing
    assert second.name != first.name
    # The same distance spelled the other way ("Rajin", "Dunai") does join.
    again = "between Rajin and Dunai, some 180 km"
    same = choose_subject(_q("180 km", unit="km", start=again.index("180")), again, profiles)
    assert same == type(same)(first.name, True)


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("shipments", "shipment"),
        ("deliveries", "shipment"),
        ("loads", "shipment"),
        ("round trips", "trip"),
        ("trips", "trip"),
        ("six-meter shipping containers", "container"),
        ("rounds of artillery", "round"),
        ("artillery shells", "round"),
        ("munitions shipments", "shipment"),
    ],
)
def test_synonym_table_reads_the_counted_item(item, kind):
    assert kind_of(item) == kind


def test_loads_join_the_shipments_subject_and_rounds_do_not():
    shipments = SubjectProfile.from_name("Maritime munitions shipments, DPRK to Russia (count)")
    rounds = SubjectProfile.from_name("Artillery rounds delivered, DPRK to Russia (count)")
    sentence = "North Korea has shipped around 10 loads of weapons to Russia since August"
    loads = _q("around 10 loads", item="loads")
    assert choose_subject(loads, sentence, [rounds, shipments]).name == shipments.name
    million = _q("over 1 million artillery rounds", item="artillery rounds")
    assert choose_subject(million, sentence, [rounds, shipments]).name == rounds.name


def test_a_daily_rate_is_not_the_total():
    total = SubjectProfile.from_name("Artillery rounds delivered, DPRK to Russia (count)")
    rate = _q("about 2,700 rounds more per day", item="rounds", per="day")
    choice = choose_subject(rate, "about 2,700 rounds more per day Russia could fire", [total])
    assert not choice.existing and "per day" in choice.name


# --- derivation -----------------------------------------------------------------------------


def _doc(doc_id: str, outlet: int, day: str, title: str = "", text: str = "") -> Document:
    d = date.fromisoformat(day)
    return Document(
        id=doc_id,
        outlet_id=outlet,
        title=title,
        text=text,
        content_hash=doc_id,
        published_first=d,
        published_last=d,
    )


def test_title_credit_and_text_credits_propose_derived_from(registry):
    bloomberg = registry.exact("Bloomberg")
    euromaidan = registry.exact("Euromaidan Press")
    wapo = registry.exact("Washington Post")
    assert bloomberg and euromaidan and wapo
    docs = [
        _doc("bloomberg-2023-12-27", bloomberg.id or 0, "2023-12-27"),
        _doc("wapo-2023-10-16", wapo.id or 0, "2023-10-16"),
        _doc(
            "euromaidan-2023-12-28",
            euromaidan.id or 0,
            "2023-12-28",
            title="Ghost ships reveal North Korea’s secret arms trade with Russia – Bloomberg",
            text="Satellite imagery shows a port active again.",
        ),
    ]
    proposals = propose_derivations(docs[2], docs, registry, euromaidan, set())
    assert [(p.derived_from, p.outlet) for p in proposals] == [
        ("bloomberg-2023-12-27", "Bloomberg")
    ]
    # Already recorded: not proposed again.
    assert (
        propose_derivations(
            docs[2], docs, registry, euromaidan, {("euromaidan-2023-12-28", "bloomberg-2023-12-27")}
        )
        == []
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Satellite imagery shows that a dormant port has become active again, Bloomberg reported.",
        "Satellite images reveal freight ship journeys, points out Jaewoo Shin, as quoted by "
        "Bloomberg.",
        "Bloomberg noted that the frequency of deliveries increased at the beginning of October.",
    ],
)
def test_text_cues_credit_the_outlet(sentence, registry):
    credited = credited_in_text(sentence, registry, registry.exact("Euromaidan Press"))
    assert [s.name for s, _ in credited] == ["Bloomberg"]


def test_no_derivation_from_own_outlet_or_from_a_non_outlet(registry):
    own = registry.exact("Bloomberg")
    assert credited_in_text("Bloomberg reported the shipments.", registry, own) == []
    assert credited_in_text("RUSI reported five trips.", registry, own) == []
    assert credited_in_title("North Korea may be sending arms", "", registry, own) == []


# --- several voices, comparisons, documents held by someone else ------------------------------


def test_two_speakers_joined_by_and_are_two_voices(registry):
    from tracker.suggest.resolve import resolve_speakers

    cue = find_cue(
        "The New Yorker and the Royal United Services Institute say five trips were made."
    )
    assert cue is not None
    registry.add(Source(id=99, name="The New Yorker", kind="outlet"))
    names = [s.name for s in resolve_speakers(cue, registry, None) if s]
    assert names == ["The New Yorker", "Royal United Services Institute"]


def test_a_voice_in_a_when_clause_is_secondary_and_a_comparison_is_no_voice():
    from tracker.suggest.speakers import find_cues

    cues = find_cues(
        "The activity appears to have picked up since early October, when the US accused "
        "North Korea of sending munitions to Russia."
    )
    assert [(c.speaker, c.secondary) for c in cues] == [("US", True)]
    # Nothing before "when" to speak for: the US is the main voice.
    (cue,) = find_cues("This is when the United States accused North Korea of smuggling arms.")
    assert not cue.secondary
    cues = find_cues(
        "But new satellite images, analyzed by the Royal United Services Institute, suggest "
        "this operation is more extensive than the White House revealed."
    )
    assert [c.speaker for c in cues if not c.evidence] == ["Royal United Services Institute"]


def test_a_document_obtained_by_someone_is_not_their_statement(registry):
    sentence = (
        "The Central Intelligence Agency identified the port as a Soviet submarine base, "
        "according to a document obtained by RUSI."
    )
    assert _who(sentence, registry)[1] == "Central Intelligence Agency"


# --- any text -------------------------------------------------------------------------------


_PIECES = st.sampled_from(
    [
        "Dec. 9",
        "U.S. officials said",
        "Pier No. 3",
        "“Quote,” he said.",
        "since August.2 ",
        "\n",
        " ",
        ".",
        "RUSI",
        "about 10 shipments",
        "according to",
        "Mr. Kim",
        "?",
        "”",
        "a",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=25).map("".join))
def test_sentences_are_ordered_non_overlapping_slices_of_any_text(text):
    previous_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end
        find_cue(s.text)  # never raises on any sentence
        find_hedge(s.text)
