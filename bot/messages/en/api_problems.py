"""English texts of the REST API's problem details: what is wrong with a field, plainly."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "api.problem.invalid_body": "The data is not right. See the fields below.",
    "api.problem.json_invalid": "This is not valid JSON.",
    "api.problem.missing": "This field is missing.",
    "api.problem.extra_forbidden": "We do not know this field.",
    "api.problem.string_too_long": "This is too long: at most {max_length} characters.",
    "api.problem.string_too_short": "This is too short: at least {min_length} character(s).",
    "api.problem.string_pattern_mismatch": "This does not have the right form.",
    "api.problem.string_type": "This must be text.",
    "api.problem.literal_error": "Choose from: {expected}.",
    "api.problem.bool_parsing": "This must be true or false.",
    "api.problem.bool_type": "This must be true or false.",
    "api.problem.model_type": "This must be a JSON object.",
    "api.problem.model_attributes_type": "This must be a JSON object.",
    "api.problem.dict_type": "This must be a JSON object.",
}
