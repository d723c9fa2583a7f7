"""Dutch texts of the REST API's problem details: what is wrong with a field, plainly."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "api.problem.invalid_body": "De gegevens kloppen niet. Kijk bij de velden hieronder.",
    "api.problem.json_invalid": "Dit is geen geldige JSON.",
    "api.problem.missing": "Dit veld ontbreekt.",
    "api.problem.extra_forbidden": "Dit veld kennen we niet.",
    "api.problem.string_too_long": "Dit is te lang: hoogstens {max_length} tekens.",
    "api.problem.string_too_short": "Dit is te kort: minstens {min_length} teken(s).",
    "api.problem.string_pattern_mismatch": "Dit heeft niet de goede vorm.",
    "api.problem.string_type": "Dit moet tekst zijn.",
    "api.problem.literal_error": "Kies uit: {expected}.",
    "api.problem.bool_parsing": "Dit moet true of false zijn.",
    "api.problem.bool_type": "Dit moet true of false zijn.",
    "api.problem.model_type": "Dit moet een JSON-object zijn.",
    "api.problem.model_attributes_type": "Dit moet een JSON-object zijn.",
    "api.problem.dict_type": "Dit moet een JSON-object zijn.",
}
