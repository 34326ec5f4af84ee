"""StreamField blocks of the demo content, as `seed_demo` stores them."""


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def call_to_action(title: str, text: str, button_label: str, url: str) -> dict:
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "button_label": button_label,
            "page": None,
            "url": url,
        },
    }


def factor(code: str, title: str, html: str) -> dict:
    """One teaching block of the simulator page: explains one price factor."""
    return {
        "type": "factor",
        "value": {"factor": code, "title": title, "text": html, "illustration": None},
    }
