"""The words play pages use around the content, per audience.

Customer pages say the same things in customer-facing words; internal pages
speak to a CSM. Templates pick from here instead of hard-coding headings; the
headings of one play type's own fields are registered with the type (playtypes.py).
"""

from __future__ import annotations

_COMMON = {
    "stages": "Stages",
    "segments": "Segments",
    "tiers": "Service",
    "personas": "People",
    "reviewed": "last reviewed",
}

WORDS: dict[str, dict[str, str]] = {
    "internal": {
        **_COMMON,
        "by_segment": "B2B and B2C",
        "by_tier": "By service tier",
        "coaching": "Coaching the conversation",
        "coaching_note": "CSM coaching: internal, never shown to customers",
        "talk_track": "Talk track",
        "discovery_questions": "Discovery questions",
        "objections": "Objections and answers",
        "red_flags": "Red flags",
        "notes": "Notes",
        "symptoms": "When the customer says",
        "related": "Related plays",
        "owner": "Play owner",
    },
    "customer": {
        **_COMMON,
        "by_segment": "Business or consumer product",
        "by_tier": "By level of support",
        "symptoms": "Sounds familiar?",
        "related": "See also",
        "owner": "Maintained by",
    },
}
