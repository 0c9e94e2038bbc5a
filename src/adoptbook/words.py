"""The words play pages use around the content, per audience.

Customer pages say the same things in customer-facing words; internal pages
speak to a CSM. Templates pick from here instead of hard-coding headings.
"""

from __future__ import annotations

_COMMON = {
    "myth": "The myth",
    "reality": "The reality",
    "why_it_matters": "Why it matters",
    "instead": "What to do instead",
    "goal": "Goal",
    "plan_owner": "Plan owner",
    "steps": "Steps",
    "done_when": "Done when",
    "from": "From",
    "to": "To",
    "channel": "Channel",
    "when": "When",
    "message": "The message",
    "copy_hint": "Copy with the button, then fill in the placeholders",
    "subject_prefix": "Subject",
    "placeholders": "Placeholders",
    "placeholder": "Placeholder",
    "fill_in": "Fill in",
    "checklist": "Checklist",
    "scoring": "Reading your answers",
    "answer_each": (
        'Answer each question with yes, no or not sure. Your result counts the "no" and '
        '"not sure" answers: each one counts, since what nobody can confirm is not in place yet.'
    ),
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    "if_not": "If no or not sure, read",
    "result": "Your result",
    "bands": "What the count means",
    "no_answers": '"no" or "not sure" answers',
    "read_next": "Plays to read next",
    "clear_answers": "Clear answers",
    "print_answers": "Print answers",
    "plan_dates": "Dates and downloads",
    "plan_dates_intro": (
        "Enter your go-live date to see the date of each step, then download the plan "
        "for Asana or Jira, or its milestones for your calendar. Everything stays in "
        "this browser."
    ),
    "timeline_link": "See every plan and message on the rollout timeline",
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
