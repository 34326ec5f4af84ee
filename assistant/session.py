"""What this browser asked the assistant, kept in its session: the ids of its
questions (feedback and hand-off act on those only, never on another visitor's)
and a short transcript of the exchange (the first message of the conversation
opened by "Parler à l'équipe"). Nothing else about the visitor is kept."""

from __future__ import annotations

SESSION_KEY = "assistant_exchanges"
MAX_KEPT = 20  # the last questions of the session


def exchanges(request) -> list[dict]:
    """[{"id": question id, "question": text, "answer": plain text}], oldest first."""
    kept = request.session.get(SESSION_KEY, [])
    return [item for item in kept if isinstance(item, dict) and isinstance(item.get("id"), int)]


def remember(request, *, question_id: int | None, question: str, answer: str) -> None:
    if question_id is None:
        return
    kept = exchanges(request)
    kept.append({"id": int(question_id), "question": question, "answer": answer})
    request.session[SESSION_KEY] = kept[-MAX_KEPT:]


def owns(request, question_id) -> bool:
    """True when `question_id` was asked from this browser session."""
    try:
        wanted = int(question_id)
    except (TypeError, ValueError):
        return False
    return any(item["id"] == wanted for item in exchanges(request))


def question_text(request, question_id: int) -> str:
    for item in exchanges(request):
        if item["id"] == question_id:
            return item["question"]
    return ""


def last_question_id(request) -> int | None:
    kept = exchanges(request)
    return kept[-1]["id"] if kept else None
