"""The screen's rules on their own: what must flag, what must not, and known gaps.

The shipped screen adds a learned model to these rules (tests/screening/test_learned.py).

Every case asserts the exact set of concerns, so a change in either direction fails. Cases
marked "on purpose" are ambiguous phrasings flagged for safety; KNOWN_GAPS lists phrasings the
screen still misses, for the safeguarding lead to review (strict xfail: fixing one fails the
test until the case moves into DISCLOSURES).
"""

from __future__ import annotations

import dataclasses

import pytest

from coprod.screening import engine as safeguarding_screen
from coprod.screening.engine import Concern, Screening
from coprod.screening.engine import screen_rules as screen

S, A, H, D = Concern.SEXUAL_HARM, Concern.ABUSE, Concern.SELF_HARM, Concern.SUICIDAL

DISCLOSURES: list[tuple[str, set[Concern]]] = [
    # Sexual harm
    ("He keeps touching me", {S}),
    ("Someone grabbed my bum", {S}),
    ("A patient showed me his private parts", {S}),
    ("I don't feel safe, he touches me", {S}),
    ("I dont feel safe he touches me", {S}),
    ("I don't feel safe because he touches me", {S}),
    ("I don't feel safe when he touches me", {S}),
    ("I keep telling him not to touch me", {S}),
    ("I told him don't touch me", {S}),
    ("He wouldn't stop touching me", {S}),
    ("Nobody believes me that he touched me", {S}),
    ("no, he touched me", {S}),
    ("He doesn't touch me any more", {S}),
    ("Nobody touched me until last night", {S}),
    ("He touch my private", {S}),
    ("man touch me", {S}),
    ("a nurse touched me inappropriately", {S}),
    ("he was feeling me up", {S}),
    ("He put his hand up my skirt", {S}),
    ("he rubbed himself against me", {S}),
    ("That patient keeps touching girls", {S}),
    ("I was rapd last year", {S}),
    ("he rapped me", {S}),
    ("he touchd me", {S}),
    ("He never stops touching me", {S}),
    ("I can't tell anyone he raped me", {S}),
    ("My ex raped me", {S}),
    ("I was sexually assaulted on the ward", {S}),
    ("i was groped in the dining room", {S}),
    ("A man exposed himself to me", {S}),
    ("he flashed me", {S}),
    ("He was masturbating in the lounge", {S}),
    ("A patient was naked in the corridor", {S}),
    ("He made me do sexual things", {S}),
    ("He forces me to suck his dick", {S}),
    ("He offered me vapes for sex", {S}),
    ("He asked to see my boobs", {S}),
    ("he sent me nudes", {S}),
    ("he showed me porn", {S}),
    ("A male patient got into my bed", {S}),
    ("Another patient keeps coming into my room at night", {S}),
    ("He keeps making sexual comments about my body", {S}),
    ("He called me a slag", {S}),
    ("Staff watch me in the shower", {S}),
    ("He took photos of me getting changed", {S}),
    ("He touched my breasts and hit me", {S, A}),
    # Abuse
    ("Staff slapped me", {A}),
    ("There is a lot of violence on this ward", {A}),
    ("Staff never hit me, but another patient did", {A}),
    ("I'm not ok he hits me", {A}),
    ("A patient punched me", {A}),
    ("staff hurt me", {A}),
    ("The nurse twisted my wrist", {A}),
    ("staff restrained me and it hurt", {A}),
    ("staff were rough with me", {A}),
    ("He threw a chair at me", {A}),
    ("I got punched", {A}),
    ("He used to hit me", {A}),
    ("I was abused as a child", {A}),
    ("a patient told me to kys", {A}),
    ("My dad hits me when I go home", {A}),
    ("She punched another patient", {A}),
    ("He said he would kill me", {A}),
    ("They threaten me", {A}),
    ("I was bullied by another patient", {A}),
    ("staff shout at me and call me names", {A}),
    ("They take my money every week", {A}),
    ("He makes me give him my money", {A}),
    ("Staff left me in my own urine", {A}),
    ("I was left on the floor for hours", {A}),
    ("They wouldn't let me go to the toilet", {A}),
    ("They didnt feed me for 2 days", {A}),
    ("Nobody came when I pressed the alarm", {A}),
    ("I'm scared of him", {A}),
    ("a patient told me to go kill myself", {A, D}),
    # Self-harm
    ("I have been cutting again", {H}),
    ("I tied something round my neck", {H}),
    ("I took all my tablets at once", {H}),
    ("I self harn every night", {H}),
    ("I'm hurtttting myself", {H}),
    ("I haven't self harmed since yesterday", {H}),
    ("I stopped cutting last week", {H}),
    ("been sh again", {H}),
    ("i've been sh'ing", {H}),
    ("thinking of going to od", {H}),
    ("i od'd on my meds", {H}),
    ("I took an overdose", {H}),
    ("I took a handful of pills", {H}),
    ("I'm going to take all my tablets tonight", {H}),
    ("I swallowed a battery", {H}),
    ("I cut my wrists", {H}),
    ("i want to cut", {H}),
    ("i scratched my arms till they bled", {H}),
    ("I burn myself with a lighter", {H}),
    ("I burned my arm with a lighter", {H}),
    ("I bang my head against the wall", {H}),
    ("i ligatured last night", {H}),
    ("I have a razor blade hidden", {H}),
    ("me hurt myself", {H}),
    ("I'm not coping with my self harm", {H}),
    ("staff stopped me from self harming", {H}),
    ("I can't stop cutting", {H}),
    ("I'm not suicidal but I self harm", {H}),
    ("I can't keep myself safe", {H}),
    ("I'm a danger to myself", {H}),
    ("I don't feel safe from myself", {H}),
    # Suicidal
    ("I want to end it", {D}),
    ("I wish I wasn't here anymore", {D}),
    ("thinking about sucide a lot", {D}),
    ("kms", {D}),
    ("i wanna unalive", {D}),
    ("i want to dieeee 😭😭", {D}),
    ("me want die", {D}),
    ("I want to kill myself", {D}),
    ("\uff2b\uff29\uff2c\uff2c \uff2d\uff39\uff33\uff25\uff2c\uff26", {D}),  # full-width
    ("k\u200bill myself", {D}),
    ("I'm going to end it all", {D}),
    ("Everyone would be better off without me", {D}),
    ("There is no reason to live", {D}),
    ("I haven't got a reason to live", {D}),
    ("I don't want to live anymore", {D}),
    ("I don&#39;t want to live", {D}),
    ("I'm not sure I want to live", {D}),
    ("I can't go on like this", {D}),
    ("I hope I don't wake up", {D}),
    ("I don't want to die but sometimes I do", {D}),
    ("I have been saving up my tablets", {D}),
    ("I want to hang myself", {D}),
    ("i want to jump off a bridge", {D}),
    ("i think about death all the time", {D}),
    ("I am suicidal", {D}),
    ("Je suis triste. I want to die", {D}),
    ("I feel suicidal and have been cutting again", {D, H}),
    # Mixed case, markup
    ("HE KEEPS TOUCHING ME", {S}),
    ("<b>he touched me</b>", {S}),
    # On purpose: ambiguous, flagged because a lead can tell the difference and software can't
    ("I wish I wasn't here, I want to go home", {D}),
    ("I'd rather die than eat the food here", {D}),
    ("The nurse touched me on the shoulder to calm me down", {S}),
    ("I was put on 1 to 1 obs because of my self harm", {H}),
    ("The search was humiliating", {A}),
    ("The injection hurt me", {A}),  # "hurt me" flags whatever did the hurting
]

NOT_DISCLOSURES: list[str] = [
    "I feel safe, nobody has touched my things",
    "No one has ever touched me inappropriately",
    "Staff never hurt anyone",
    "I don't want to die, I want to go home",
    "The food is killing me",
    "This queue is killing me",
    "My feet are killing me",
    "I'd kill for a coffee",
    "The TV remote is broken",
    "We watched a film about suicide prevention week",
    "We need a suicide awareness session",
    "I'm not self harming any more",
    "I've stopped self harming",
    "I'm not suicidal",
    "I would never hurt myself",
    "I'm not a danger to myself",
    "I wouldn't hurt anyone",
    "I don't cut myself anymore",
    "I've stopped wanting to die",
    "I haven't had any thoughts of killing myself",
    "I don't feel like killing myself",
    "My leave was cut",
    "My leave was cut again",
    "I want to cut my hair",
    "I cut my hair",
    "They cut the budget for activities",
    "I'm cutting down on sugar",
    "I cut my finger opening a tin",
    "I need to touch base with my nurse",
    "Keep in touch with my family",
    "Staff pressure me to take meds",
    "Nobody has ever hit me here",
    "no staff hit me",
    "none of the staff on this ward have hit me",
    "none of the patients touch me",
    "Staff are kind, they never shout at me",
    "Staff have never hit me and nobody touches me",
    "I have never been abused",
    "There is no violence here",
    "I hurt my back lifting a chair",
    "I'm dying to go home",
    "I'm dying of boredom",
    "My dad died of cancer",
    "I want to go to sleep",
    "I hit the gym every day",
    "The threat of losing my leave is stressful",
    "Blade Runner is my favourite film",
    "I'm reading a book about self harm",
    "I nearly died laughing",
    "The nurses are to die for",
    "Hit me up when the garden opens",
    "I don't want to live here, I want my own flat",
    "I can't go on leave until Friday",
    "I want to dye my hair pink",
    "Sexual safety on the ward is good",
    "I had a panic attack in the night",
    "Drug abuse is a problem on the ward",
    "The ligature points in the bathroom were fixed",
    "In the end it all worked out fine",
    "I take all my tablets every morning",
    "I took 2 paracetamol for my headache",
    "That's odd, the shop was shut",
    "Sh! The quiet room is too noisy",
    "He has no right to be rude, but he is kind",
    "Staff come into my room at night to check on me",
    "I'm not a burden",
    "i want to disappear into my room",
    "I'm bored, there is nothing to do",
    "Staff make me take my meds",
    "The doctor listened to my chest",
    "I miss my dog so much",
    "NOBODY HAS HURT ME",
    "The staff are lovely 😊👍",
    "<script>alert(1)</script>",
    "Me siento seguro en la sala",
    "Rwy'n teimlo'n ddiogel ar y ward",
    "Czuję się tu bezpiecznie",
    "",
    "   ",
    # On purpose: feeling unsafe is asked as its own question; "here" usually means the ward;
    # restraint and seclusion are restrictive practice, reported elsewhere (injury still flags).
    "I don't feel safe",
    "I don't want to be here",
    "They pinned me down",
    "I was locked in my room",
]

# Phrasings the screen still misses. Each says what it should find.
KNOWN_GAPS: list[tuple[str, set[Concern]]] = [
    ("Je veux mourir", {D}),  # no language but English
    ("k1ll mys3lf", {D}),  # digits for letters
    ("iwanttodie", {D}),  # no spaces
    ("🔪🩸", {H}),  # emoji only
    ("I'm not going to kill myself, but I think about it a lot", {D}),  # "it" is not resolved
    ("I have a plan", {D}),  # a plan for what is not said
    ("I've had enough, I'm done", {D}),
    ("My uncle did things to me when I was little", {S}),  # euphemism
    ("The night nurse is too friendly with me", {S}),  # euphemism
    ("He made me do things I didn't want to", {S}),
    ("I pick my skin until it bleeds", {H}),
]


@pytest.mark.parametrize(("text", "expected"), DISCLOSURES)
def test_disclosure_is_flagged_with_its_concerns(text: str, expected: set[Concern]) -> None:
    result = screen(text)
    assert result.concerns == expected
    assert result.flagged


@pytest.mark.parametrize("text", NOT_DISCLOSURES)
def test_innocent_answer_is_not_flagged(text: str) -> None:
    result = screen(text)
    assert result == Screening()
    assert not result.flagged


@pytest.mark.parametrize(("text", "expected"), KNOWN_GAPS)
@pytest.mark.xfail(strict=True, reason="known gap; move the case to DISCLOSURES once it passes")
def test_known_gap(text: str, expected: set[Concern]) -> None:
    assert screen(text).concerns == expected


def test_every_rule_is_exercised_by_a_disclosure() -> None:
    used = {name for text, _ in DISCLOSURES for name in screen(text).matched_rules}
    assert {name for name, _, _ in safeguarding_screen.RULES} == used


def test_matched_rules_name_rules_and_never_carry_the_text() -> None:
    result = screen("My neighbour Zebedee hit me and I want to die")
    assert result.matched_rules == ("violence_to_me", "want_to_die")
    assert not any("zebedee" in name for name in result.matched_rules)


def test_long_answer_is_screened_to_the_end() -> None:
    filler = "The ward is calm and the staff are kind to everyone. " * 190
    assert len(filler) > 10_000
    assert screen(filler) == Screening()
    assert screen(filler + "He touches me at night.").concerns == {S}


@pytest.mark.parametrize(
    "text",
    [
        "a" * 10_000,
        "nobody touched me " * 560,
        "not " * 2_500,
        "want to " * 1_250,
        "self " * 2_000,
        ("x" * 59 + " ") * 170,
        "😭" * 5_000,
        "<" * 10_000,
        "'" * 10_000,
    ],
    ids=["one-word", "denials", "negations", "want-to", "self", "long-words", "emoji", "<", "'"],
)
def test_hostile_input_is_screened_without_catastrophic_backtracking(text: str) -> None:
    assert screen(text) == Screening()


def test_concern_values_are_snake_case() -> None:
    assert [concern.value for concern in Concern] == [
        "sexual_harm",
        "abuse",
        "self_harm",
        "suicidal",
    ]


def test_screening_is_immutable() -> None:
    result = screen("He hit me")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.concerns = frozenset()  # type: ignore[misc]
