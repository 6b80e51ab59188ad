"""What raised an answer, in plain words for a safeguarding lead, by the name of the rule."""

from __future__ import annotations

REASONS = {
    "rape": "mentions rape",
    "sexual_assault": "mentions sexual assault or unwanted sexual contact",
    "sexual_harm_words": "uses words for sexual abuse or a sexual offender",
    "touching_me": "says someone touched, grabbed or rubbed against them",
    "touching_intimate": "says someone touched an intimate part of their body",
    "touching_others": "says someone touches other people",
    "unwanted_touch": "describes unwanted or inappropriate touch or attention",
    "indecent_exposure": "describes someone exposing themselves or being naked",
    "sexual_acts_nearby": "describes sexual acts in front of others",
    "made_to_do_sexual_things": "says they were pressured or made to do sexual things",
    "sex_or_images": "mentions sex or sexual pictures sent or shown",
    "bedroom_intrusion": "says someone came into their bed or bedroom",
    "sexual_comments": "describes sexual comments, names or looks",
    "voyeurism": "says someone watched or filmed them undressed",
    "violence_to_me": "says someone was violent to them",
    "violence_to_my_body": "says someone hurt a part of their body",
    "done_to_me": "says they were hit, hurt, threatened or abused",
    "restraint_injury": "describes being hurt during restraint",
    "threat_to_hurt_me": "describes a threat to hurt them",
    "told_to_die": "says someone told them to die or harm themselves",
    "verbal_abuse": "describes being sworn at, mocked or called names",
    "bullying": "describes bullying",
    "abuse_or_violence": "mentions abuse, assault, violence or neglect",
    "harm_to_others": "says someone hurts or attacks other people",
    "financial_abuse": "says someone takes their money or things",
    "neglect": "describes being left without care, food, water or the toilet",
    "fear_of_someone": "says they are afraid of someone",
    "self_harm_words": "mentions self-harm",
    "harm_myself": "says they hurt or harm themselves",
    "cutting": "describes cutting themselves",
    "blades": "mentions blades or hidden sharp things",
    "burning": "describes burning themselves",
    "overdose": "describes an overdose or swallowing things",
    "ligature": "mentions a ligature or something around their neck",
    "head_banging": "describes banging their head or punching walls",
    "suicide_words": "mentions suicide",
    "kill_myself": "says they want to kill themselves",
    "end_my_life": "talks of ending their life",
    "want_to_die": "says they want to die or disappear",
    "wish_not_here": "wishes they were not here or not alive",
    "no_reason_to_live": "says there is no reason to live",
    "thoughts_of_death": "thinks about dying",
    "not_want_to_live": "says they do not want to live or go on",
    "never_wake_up": "hopes never to wake up",
    "better_off_dead": "says others are better off without them",
    "suicide_method": "describes a way of ending their life",
    "suicide_plan": "describes a plan, saved-up tablets or goodbye notes",
    "model": "reads like a disclosure to the screen's trained model",
}


def describe(rule: str) -> str:
    """Return what a rule found, in plain words."""
    return REASONS.get(rule, rule.replace("_", " "))
