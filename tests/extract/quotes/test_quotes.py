"""Quotes: quotation-mark pairing, attribution from the parse, speakers and the seed article."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_GOLD, SEED_TEXT, need_shared

from eventwire.extract.quotes import extract_quotes
from eventwire.extract.quotes.marks import find_quoted
from eventwire.records import Actor
from eventwire.resources.quote_lexicon import CLASSES, CONTENT_ROLES, quote_cues


def _pieces(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.pieces] for q in find_quoted(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will win," and left.', [["we will win,"]]),
        ("He said “we will win” and left.", [["we will win"]]),
        ("''Donald says,'' Ms. W said. ''I ask?''", [["Donald says,"], ["I ask?"]]),
        # A quote running over paragraphs: no closing mark, next paragraph opens with one.
        ("“First part.\n\n“Second part.”\n\nAfter.", [["First part.", "Second part."]]),
        # Unclosed at a paragraph end with no continuation: ends with the paragraph.
        ('"Open only\nNext line.', [["Open only"]]),
        # Apostrophes are not quote marks.
        ("It's Sanders' campaign and they don't care.", []),
        ("He called it 'crooked' twice.", [["crooked"]]),
        # Odd number of marks: no crash, the stray closing mark is ignored.
        ("A stray ” closing mark.", []),
        ('one " two " three "', [["two"]]),
        ("", []),
    ],
)
def test_find_quoted(text, expected):
    assert _pieces(text) == expected


def _quotes(nlp, text, actors=()):
    doc = nlp(text)
    return [
        (q.kind, q.content.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None)
        for q in extract_quotes(doc, list(actors))
    ]


@pytest.mark.parametrize(
    "text, kind, content, speaker, cue",
    [
        (
            "The minister said that the talks would resume next week.",
            "indirect",
            "that the talks would resume next week",
            "The minister",
            "said",
        ),
        (
            "The talks will resume next week, the minister said.",
            "indirect",
            "The talks will resume next week",
            "the minister",
            "said",
        ),
        (
            "According to the ministry, the border was closed on Monday.",
            "indirect",
            "the border was closed on Monday",
            "the ministry",
            "According to",
        ),
        # "according to" covers every coordinated clause it follows.
        (
            "Trump got 37 percent, Clinton had 36 percent and Bloomberg won 13 percent, according to the poll.",
            "indirect",
            "Trump got 37 percent, Clinton had 36 percent and Bloomberg won 13 percent",
            "the poll",
            "according to",
        ),
        (
            "Officials warned that the storm could hit the coast.",
            "indirect",
            "that the storm could hit the coast",
            "Officials",
            "warned",
        ),
        (
            '"We will not back down," the president said.',
            "direct",
            "We will not back down,",
            "the president",
            "said",
        ),
        (
            'The president said: "We will not back down."',
            "direct",
            "We will not back down.",
            "The president",
            "said",
        ),
        ("The senator wants to cut taxes.", "indirect", "to cut taxes", "The senator", "wants"),
        # Object content keeps what is said of the object.
        ("Trump called him a total loser.", "indirect", "him a total loser", "Trump", "called"),
        (
            "She blamed the media for their failure to cover the race.",
            "indirect",
            "the media for their failure to cover the race",
            "She",
            "blamed",
        ),
        # A two-word cue takes the object of its preposition.
        (
            "The mayor called for an inquiry into the shooting.",
            "indirect",
            "an inquiry into the shooting",
            "The mayor",
            "called for",
        ),
        # A noun cue with a that-clause and a possessive speaker.
        (
            "Trump's claim that he won the debate was false.",
            "indirect",
            "that he won the debate",
            "Trump's",
            "claim",
        ),
        # An interview transcript line.
        (
            "JOHN SMITH: We will never give up on this town.",
            "indirect",
            "We will never give up on this town.",
            "JOHN SMITH",
            ":",
        ),
        # "for" parsed as the mark of the clause a two-word cue governs.
        (
            "The mayor is calling for the chief to resign.",
            "indirect",
            "the chief to resign",
            "The mayor",
            "calling for",
        ),
        # An as-clause of a speech verb attributes the clause it modifies.
        (
            "As the newspaper reported, the inspector issued subpoenas.",
            "indirect",
            "the inspector issued subpoenas",
            "the newspaper",
            "reported",
        ),
        # "want X to Y" parsed as a clause.
        (
            "Most voters want all the troops to be sent home.",
            "indirect",
            "all the troops to be sent home",
            "Most voters",
            "want",
        ),
        # A judgement with no source starts at its subject, not at the adjuncts before it.
        (
            "In the past few days, the governor seemed to be losing ground.",
            "indirect",
            "the governor seemed to be losing ground",
            None,
            "seemed",
        ),
        # A lemma with a stray final e ("retweete") still finds its cue.
        (
            "The senator retweeted a post from the campaign.",
            "indirect",
            "a post from the campaign",
            "The senator",
            "retweeted",
        ),
        # A participle takes the subject of the verb it hangs off.
        (
            "The governor left the room before explaining that he was tired.",
            "indirect",
            "that he was tired",
            "The governor",
            "explaining",
        ),
        # A purpose infinitive and a participle on a named group take their speaker too.
        (
            "Mayor Jane Doe went to City Hall to criticize the senator's record.",
            "indirect",
            "the senator's record",
            "Mayor Jane Doe",
            "criticize",
        ),
        # A speech verb with no clause reports its gerund or object.
        (
            "Mr. Kasich reported having $1.3 million in cash on hand.",
            "indirect",
            "having $1.3 million in cash on hand",
            "Mr. Kasich",
            "reported",
        ),
        # "cited/quoted X as saying C": X speaks.
        (
            "State media cited a military spokesman as saying five drones were shot down.",
            "indirect",
            "five drones were shot down",
            "a military spokesman",
            "saying",
        ),
        # A belief verb with an object and what is said of it.
        ("She sees him as a real threat.", "indirect", "him as a real threat", "She", "sees"),
        # A predicate adjective with a clause, or a stance adjective with its object.
        (
            "Republicans are now convinced that there will be an effort to stop him.",
            "indirect",
            "that there will be an effort to stop him",
            "Republicans",
            "convinced",
        ),
        ("Others are wary of campaigning with Cruz.", "indirect", "campaigning with Cruz", "Others", "wary"),
        # A quote ending in a comma, then a verb outside the lexicon: it introduces the quote.
        (
            '"We would have gone to the only bill with support from both parties," Toomey fumed.',
            "direct",
            "We would have gone to the only bill with support from both parties,",
            "Toomey",
            "fumed",
        ),
        # A partial quote inside reported speech stays part of the indirect quote.
        (
            'Kunin said in an interview that it will take time to "cool off," but she was hopeful.',
            "indirect",
            'that it will take time to "cool off',
            "Kunin",
            "said",
        ),
    ],
)
def test_attributions(nlp, text, kind, content, speaker, cue):
    assert (kind, content, speaker, cue) in _quotes(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The army closed the road on Monday.",
        "He bought a new car and drove home.",
        "The so-called “reform” passed the house.",  # a scare quote is no quote
        'Odd "marks " everywhere " here.',
    ],
)
def test_no_quotes(nlp, text):
    assert _quotes(nlp, text) == []


def test_quote_takes_colon_introduction_across_paragraphs(nlp):
    text = "The senator turned to the crowd:\n\n“We will win this state.”"
    (quote,) = extract_quotes(nlp(text), [])
    assert quote.kind == "direct" and quote.content.text == "We will win this state."
    assert quote.speaker.text == "The senator" and quote.cue.text.endswith(":")


@pytest.mark.parametrize(
    "text, speaker",
    [
        # A full stop inside the marks, then a new sentence: its verb is no cue of the quote.
        ("Her campaign slogan is “We are all with her today.” But now she wants voters to know more.", None),
        ("“We are going to win this state.” Clinton said on Monday.", "Clinton"),
        (
            "“We are going to win this state,” the former secretary of state said.",
            "the former secretary of state",
        ),
    ],
)
def test_tail_cue_after_a_full_stop(nlp, text, speaker):
    quote = next(q for q in extract_quotes(nlp(text), []) if q.kind == "direct")
    assert (quote.speaker.text if quote.speaker else None) == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        # A short phrase set off by a comma between the cue and the opening mark.
        (
            "Sen. Ron Johnson said in an op-ed last year, “The department failed to honor the requests.”",
            "Sen. Ron Johnson",
        ),
        # A full stop between them: the quote is not that cue's.
        (
            "Johnson said he would run. In an op-ed last year, “The department failed to honor the requests.”",
            None,
        ),
    ],
)
def test_head_cue_across_a_short_phrase(nlp, text, speaker):
    quote = next(q for q in extract_quotes(nlp(text), []) if q.kind == "direct")
    assert (quote.speaker.text if quote.speaker else None) == speaker


def test_object_without_a_predicate_is_not_a_belief(nlp):
    assert _quotes(nlp, "He saw him there again in 1999.") == []
    assert _quotes(nlp, "It is clear that he lost.") == []  # no one holds the view


def test_speech_object_is_not_reported_when_a_quote_took_the_cue(nlp):
    assert _quotes(nlp, '"Where is the money?" she asked the crowd.') == [
        ("direct", "Where is the money?", "she", "asked")
    ]


def test_coordinated_speech_verb_keeps_the_first_speaker(nlp):
    found = _quotes(
        nlp,
        "He says the obvious response was to break up the banks and says he "
        "introduced legislation to do that.",
    )
    assert ("indirect", "the obvious response was to break up the banks", "He", "says") in found
    assert ("indirect", "he introduced legislation to do that", "He", "says") in found


def test_finite_verb_after_an_infinitive_is_a_second_report(nlp):
    found = _quotes(
        nlp,
        "The UN chief urged both sides to exercise restraint and called on India "
        "to release the detained pilots.",
    )
    assert ("indirect", "to exercise restraint", "The UN chief", "urged") in found
    assert ("indirect", "India to release the detained pilots", "The UN chief", "called on") in found


def test_speaker_is_never_taken_from_inside_the_quote(nlp):
    found = _quotes(
        nlp,
        "“We were tremendously wrong to not have confronted him from the beginning,” "
        "Ramos, 58, told AFP in an interview in Mexico City on Monday.",
    )
    assert found == [
        (
            "direct",
            "We were tremendously wrong to not have confronted him from the beginning,",
            "Ramos, 58",
            "told",
        )
    ]


def test_a_quoted_predicate_after_an_object_is_what_was_said(nlp):
    found = _quotes(nlp, 'He denied the allegations, calling them "baseless and politically motivated".')
    assert ("direct", "baseless and politically motivated", "He", "calling") in found


def test_quote_paragraph_continues_the_attributed_quote(nlp):
    text = "“We are ready,” the coach said.\n\n“We have trained all year for this game.”"
    (quote,) = extract_quotes(nlp(text), [])
    assert [text[s:e] for s, e in quote.content.fragments] == [
        "We are ready,",
        "We have trained all year for this game.",
    ]


def test_relative_pronoun_speaker_takes_the_antecedent_actor(nlp):
    text = "Sanders, who said he would campaign with him, did not show up."
    actor = Actor("a1", "Sanders", 0, 7, "USAPOL", "USA", "POL", name="Bernie Sanders")
    quotes = extract_quotes(nlp(text), [actor])
    assert quotes and quotes[0].speaker.text == "who" and quotes[0].speaker.code == "USAPOL"


def test_split_quote_is_one_quote_with_fragments(nlp):
    doc = nlp('"We are ready," she said. "We have always been ready."')
    quotes = extract_quotes(doc, [])
    assert len(quotes) == 1
    content = quotes[0].content
    assert [doc.text[s:e] for s, e in content.fragments] == ["We are ready,", "We have always been ready."]
    assert doc.text[content.start : content.end] == content.text


def test_speaker_takes_the_overlapping_actor(nlp):
    text = "The Indian Army said the drones were destroyed."
    start = text.index("The Indian Army")
    actor = Actor("a1", "The Indian Army", start, start + 15, "INDMIL", "IND", "MIL", name="Indian Army")
    (quote,) = extract_quotes(nlp(text), [actor])
    assert quote.speaker == actor


@pytest.mark.parametrize(
    "text,kinds",
    [
        ("“It is over,” he said.\n\n“Really over.”\n\nShe added that it was not.", ["direct", "indirect"]),
        # A colon after a verbless heading: the speaker search must stop at the root.
        ("Breaking news from the capital:\n\n“The vote has been delayed until Friday.”", ["direct"]),
        # Marks with nothing (or nothing but a cue) inside are no quotes.
        ("\n\n“”\n“ ” ' '' \"", []),
        ('He said. She said: "', []),
    ],
)
def test_offsets_hold(nlp, text, kinds):
    doc = nlp(text)
    quotes = extract_quotes(doc, [])
    assert [q.kind for q in quotes] == kinds
    for quote in quotes:
        for span in (quote.content, quote.cue, quote.speaker):
            if span is not None:
                assert doc.text[span.start : span.end] == span.text


def test_lexicon_is_well_formed():
    cues = quote_cues(frozenset(CLASSES))
    assert ("say", None, "verb") in cues and ("call", "for", "verb") in cues
    for cue in cues.values():
        assert cue.classes <= set(CLASSES) and cue.roles <= set(CONTENT_ROLES)


def test_seed_required_quotes(nlp):
    gold_path = need_shared(SEED_GOLD)
    from eventwire.clean import clean_article
    from eventwire.records import Article

    text = clean_article(Article(id="seed", text=SEED_TEXT.read_text()))
    quotes = extract_quotes(nlp(text), [])
    gold = json.loads(gold_path.read_text())["quotes"]
    for want in gold["required"]:
        hits = [
            q
            for q in quotes
            if q.kind == want["kind"]
            and (
                q.content.text.startswith(want.get("content_starts", "\0"))
                or want.get("content_contains", "\0") in q.content.text
            )
        ]
        assert hits, want
        assert any(want["speaker_name"] in (q.speaker.text or "") for q in hits), want
