"""Closed-class English the extractors share: dependency labels, pronouns, auxiliaries and
modals, speech verbs. One copy of each list, so that events, times, quotes and places read a
clause the same way (a curly "’ll" is a future wherever it is met).

Words are as spaCy gives them in `Token.lower_` (auxiliaries: "won't" is "wo" + "n't",
"can't" is "ca" + "n't", "they’ll" is "they" + "’ll") or `Token.lemma_` (verbs). Labels are
the ClearNLP dependency labels of the English model. Lists tuned like data (organisation
heads, firm words, place words) are not here: they are files in `resources/data/`.
"""

from __future__ import annotations

# Dependency labels. An active subject does the verb; a passive subject undergoes it. A
# nominal subject is a noun phrase; a clausal one ("Holding rates near zero encouraged
# borrowing") is never a speaker or an actor's name, and the parser often gives that label
# to a participle opening the sentence ("Making her way around the diner, Clinton thanked").
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
AUX_DEPS = frozenset({"aux", "auxpass"})

# Pronouns, as words (spaCy tags "her" PRP or PRP$ by use).
PERSONAL_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"})
POSSESSIVE_DETERMINERS = frozenset({"my", "our", "your", "his", "her", "its", "their"})
PRONOUNS = PERSONAL_PRONOUNS | POSSESSIVE_DETERMINERS
# Pronouns that may stand for a party to an event. "me", "my" and "your" in news are the
# voice of an interviewee or a reader ("Let me say", "give me a break", "your vote"), not
# a political actor.
ACTOR_PRONOUNS = PRONOUNS - {"me", "my", "your"}
FIRST_PERSON = frozenset({"i", "me", "we", "us", "my", "our"})

# Auxiliaries by what they say of the verb they govern.
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "'d", "’d"})  # "'d" is also "had": check the tag
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "can", "ca"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
MODALS = FUTURE_AUX | CONDITIONAL_AUX | HYPOTHETICAL_AUX | OBLIGATION_AUX

# Speech verbs (lemmas). A person says, tells, adds; a government also announces, warns,
# confirms, so a place's name is the subject of the second kind ("Moscow warned") but
# rarely of the first ("Tbilisi says" is present tense: the government speaking).
PERSONAL_SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "note", "recall", "testify", "write"})
SPEECH_VERBS = PERSONAL_SPEECH_VERBS | frozenset(
    {
        "state",
        "announce",
        "declare",
        "insist",
        "claim",
        "report",
        "confirm",
        "reiterate",
        "stress",
        "warn",
        "argue",
        "assert",
        "maintain",
        "tweet",
        "emphasise",
        "emphasize",
        "indicate",
        "reply",
        "respond",
        "acknowledge",
        "admit",
        "allege",
    }
)
# Verbs whose clause is a belief or a commitment: what they govern is reported, not done.
BELIEF_VERBS = frozenset({"believe", "think", "expect"})
COMMITMENT_VERBS = frozenset({"vow", "pledge", "promise", "threaten"})
REPORTING_VERBS = SPEECH_VERBS | BELIEF_VERBS | COMMITMENT_VERBS
