"""The privacy guard: finds personal data in a note before it may reach a referrer.

It stands on the field's libraries, not on our own guesses: `deduce` (de-identification
of Dutch medical text) for names, dates and its word lists, `phonenumbers` for telephone
numbers at home and abroad, `python-stdnum` for the BSN (elfproef) and IBAN. Our own part is
the normalisation a busy professional's typing needs first (NFKC, every Unicode space and
dash, digits with separators, the usual e-mail obfuscations) and mapping every finding back
onto the note as it was typed: a `Finding` names its kind and the span in the ORIGINAL text.

Every name counts as a child's name: children are never in the directory, so a first name
alone counts, lowercase too ("emma"), unless the word is an ordinary Dutch word. Names of
the directory and configured names (`rules.privacy_names`) count as well.

The lookup structures (deduce's first-name, surname and word lists, nothing else) are built
lazily, once per process, when the first note is checked: `serve` and `worker` do not pay
for them at start. Building them takes about a third of a second (see docs/decisions.md).
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.domain.privacy_text import (
    LONG_NUMBER,
    bsns,
    ibans,
    normalise,
)
from bot.domain.privacy_text import (
    phones as find_phones,
)
from bot.domain.privacy_words import (
    ADDRESS,
    DAY_MONTH,
    EMAIL,
    ENGLISH_MONTHS,
    MONTH_YEAR,
    MORE_INTERFIXES,
    NAMES_NOT_TERMS,
    NOT_POSTCODE,
    ORDINARY,
    POSTCODE,
)

KINDS = ("bsn", "phone", "email", "postcode", "address", "date", "name", "iban", "other")


@dataclass(frozen=True)
class Finding:
    """Personal data found: its kind (one of KINDS) and where it stands in the original note."""

    kind: str
    start: int
    end: int


class _Engine:
    """deduce's tokenizer and name annotators over its first-name and surname lists only,
    and its date patterns. Built once per process."""

    def __init__(self) -> None:
        import json
        import logging
        from pathlib import Path

        # deduce calls logging.basicConfig(stdout, DEBUG) when imported: undone, our logging
        # (bot/logs) is the only one configured.
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        import deduce  # noqa: F401

        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)

        from deduce import annotator as deduce_annotators
        from deduce.deduce import Deduce
        from deduce.lookup_struct_loader import (
            load_interfix_lookup,
            load_prefix_lookup,
            load_surname_lookup,
            load_whitelist_lookup,
        )
        from deduce.lookup_structs import load_raw_itemsets

        dd: Any = importlib.import_module("docdeid")  # typed loosely: its exports are implicit
        base = Path(deduce_annotators.__file__).parent
        raw = load_raw_itemsets(
            base / "data" / "lookup",
            [
                "names/lst_first_name",
                "names/lst_surname",
                "names/lst_interfix",
                "names/lst_interfix_surname",
                "names/lst_prefix",
                "names/lst_initial",
                "whitelist/lst_medical_term",
                "whitelist/lst_common_word",
                "whitelist/lst_stop_word",
            ],
        )
        self.tokenizer = Deduce._initialize_tokenizer(base / "data" / "lookup")
        ds = dd.ds.DsCollection()
        ds["prefix"] = load_prefix_lookup(raw)
        ds["interfix"] = load_interfix_lookup(raw)
        whitelist = load_whitelist_lookup(raw)
        ds["whitelist"] = whitelist
        for name in ("initial", "interfix_surname"):
            items = dd.ds.LookupSet()
            items.add_items_from_iterable(raw[name])
            ds[name] = items
        ds["surname"] = load_surname_lookup(raw, self.tokenizer)
        # After a first name, any surname of deduce's list, in any case ("tim bakker").
        self.surnames = frozenset(
            w.lower() for n in raw["surname"] | raw["interfix_surname"] for w in n.split()
        )
        self.interfixes = frozenset(
            {w.lower() for n in raw["interfix"] for w in n.split()} | MORE_INTERFIXES
        )
        # Capitalised, a first name counts unless it is one of the most common words
        # ("Wil"); typed in lowercase it must also be no medical term nor ordinary word.
        common = {w.lower() for w in raw["common_word"] | raw["stop_word"]}
        words = ({w.lower() for w in whitelist.items()} - NAMES_NOT_TERMS) | ORDINARY
        self.words = frozenset(words)
        self.first_names = frozenset(
            n.lower() for n in raw["first_name"] if len(n) >= 2 and n.lower() not in common
        )
        self.lower_first_names = frozenset(
            n for n in self.first_names if len(n) >= 3 and n not in words
        )
        config = json.loads((base / "base_config.json").read_text(encoding="utf-8"))
        annotators = config["annotators"]
        self.names: list[Any] = [
            dd.process.MultiTokenLookupAnnotator(
                trie=ds["surname"], tag="achternaam", overlapping=True
            ),
            _FirstNames(self, tag="voornaam"),
        ]
        for key in (
            "prefix_with_initial",
            "prefix_with_interfix",
            "prefix_with_name",
            "interfix_with_name",
            "initial_with_name",
            "initial_interfix",
        ):
            self.names.append(
                deduce_annotators.TokenPatternAnnotator(**annotators[key]["args"], ds=ds)
            )
        self.names.append(
            deduce_annotators.ContextAnnotator(**annotators["name_context"]["args"], ds=ds)
        )
        self.dates: list[re.Pattern[str]] = []
        for key in ("date_dmy_1", "date_dmy_2", "date_ymd_1", "date_ymd_2"):
            pattern = annotators[key]["args"]["regexp_pattern"]
            # English month names too, and a month abbreviated with a full stop ("3 aug. 2023").
            pattern = pattern.replace("|dec)[-/\\. ]", f"|dec|{ENGLISH_MONTHS})\\.?[-/\\. ]")
            self.dates.append(re.compile(pattern))
        # A day and a Dutch month name without a year is a date too ("op 3 maart"); numbers
        # alone without a year are not ("Score 7/10", "Fase 2-3").
        self.dates.append(DAY_MONTH)
        self.dates.append(MONTH_YEAR)
        self._document = dd.Document

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        doc = self._document(text, tokenizers={"default": self.tokenizer})
        for annotator in self.names:
            annotator.process(doc)
        return [self._extend(a.start_char, a.end_token) for a in doc.annotations]

    def _extend(self, start: int, token: Any) -> tuple[int, int]:
        """A name goes on over interfixes and surnames, typed in any case: "emma de vries",
        "DAAN DE GRAAF". After an interfix any word counts ("Floor de Groot")."""
        end = token.end_char
        after_interfix = False
        following = token.next()
        while following is not None:
            word = following.text.lower()
            if word in self.interfixes:
                after_interfix = True
            elif word.isalpha() and (
                word in self.surnames
                or (after_interfix and len(word) >= 2)
                # a surname not in the list, typed in lowercase or capitals ("shanice bouzid")
                or (end == token.end_char and len(word) >= 3 and word not in self.words)
            ):
                end = following.end_char
                after_interfix = False
            elif word != "-":
                break
            following = following.next()
        return start, end

    def date_spans(self, text: str) -> Iterator[tuple[int, int]]:
        for pattern in self.dates:
            for match in pattern.finditer(text):
                yield match.start(1), match.end(1)


class _FirstNames:
    """Tokens that are a first name in deduce's list, in any case; lowercase only when the
    word is no ordinary word. Annotates like deduce's lookup annotators, so deduce's name
    context (initials, interfixes, surnames around it) extends it."""

    def __init__(self, engine: _Engine, tag: str) -> None:
        self.engine = engine
        self.tag = tag

    def process(self, doc: Any) -> None:
        dd: Any = importlib.import_module("docdeid")

        found = []
        for token in doc.get_tokens():
            word = token.text
            if not word[:1].isalpha():
                continue
            lower = word.lower()
            if word.islower():
                hit = lower in self.engine.lower_first_names
            else:
                hit = lower in self.engine.first_names
            if hit:
                found.append(
                    dd.Annotation(
                        text=word,
                        start_char=token.start_char,
                        end_char=token.end_char,
                        tag=self.tag,
                        start_token=token,
                        end_token=token,
                    )
                )
        doc.annotations.update(found)


_engine: _Engine | None = None
_lock = threading.Lock()


def load() -> None:
    """Builds the lookup structures now (else the first check does)."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = _Engine()


def _get_engine() -> _Engine:
    load()
    assert _engine is not None
    return _engine


# -- configured and directory names -----------------------------------------------------

# Words in front of a name in the directory that are no name themselves.
_TITLES = frozenset({"dr", "drs", "mr", "ir", "mevr", "mw", "dhr", "wijkagent", "juf", "meester"})


def name_patterns(
    configured: Iterable[str] = (), directory: Iterable[str] = ()
) -> list[re.Pattern[str]]:
    """Whole-word patterns for names. Configured names (an operator's list) and whole
    directory names match in any case; the first and last word of a directory name only
    as written (capitalised), so "Bakker" is a name and "bakker" stays a word."""
    patterns: list[re.Pattern[str]] = []
    seen: set[tuple[str, int]] = set()

    def add(name: str, flags: int) -> None:
        name = " ".join(name.split())
        if len(name) >= 2 and (name, flags) not in seen:
            seen.add((name, flags))
            patterns.append(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", flags))

    for name in configured:
        add(name, re.IGNORECASE)
    for full in directory:
        plain = re.sub(r"\(.*?\)", " ", full)
        add(plain, re.IGNORECASE)
        words = [w.strip(".,'") for w in plain.split()]
        words = [w for w in words if len(w) >= 3 and w.isalpha() and w.lower() not in _TITLES]
        for word in {words[0], words[-1]} if words else set():
            if word[0].isupper():
                add(word, 0)
    return patterns


# -- the check --------------------------------------------------------------------------

# When two findings overlap, the first kind here wins ("emma@x.nl" is an e-mail address).
_PRIORITY = ("email", "iban", "bsn", "phone", "postcode", "address", "date", "name", "other")


def check(
    note: str,
    names: Iterable[str] = (),
    *,
    patterns: Iterable[re.Pattern[str]] = (),
) -> list[Finding]:
    """The personal data in a note, in order of place; empty means the note may go.
    `names` are matched as whole words in any case; `patterns` come from name_patterns()."""
    if not note or not note.strip():
        return []
    norm = normalise(note)
    text = norm.text
    raw: list[tuple[str, int, int]] = []
    bsn_spans = list(bsns(text))
    phones = list(find_phones(text))
    # Nine digits without 0 or + in front that pass the elfproef are a BSN, not a number to
    # call; where a number written from 0 or + holds nine digits that pass ("06 00 00 004 1"),
    # both are said: the professional sees either hint.
    raw += [("bsn", start, end) for start, end in bsn_spans]
    for start, end, prefix in phones:
        if prefix or not any(s < end and start < e for s, e in bsn_spans):
            raw.append(("phone", start, end))
    raw += [("iban", s, e) for s, e in ibans(text)]
    raw += [("email", m.start(), m.end()) for m in EMAIL.finditer(text)]
    for match in POSTCODE.finditer(text):
        letters = match.group(3)
        if letters.islower() and letters in NOT_POSTCODE:
            continue
        if letters.upper() in ("SA", "SD", "SS"):
            continue
        raw.append(("postcode", match.start(), match.end()))
    raw += [("address", m.start(), m.end()) for m in ADDRESS.finditer(text)]
    engine = _get_engine()
    raw += [("date", s, e) for s, e in engine.date_spans(text)]
    raw += [("name", s, e) for s, e in engine.name_spans(text)]
    for pattern in [*name_patterns(names), *patterns]:
        raw += [("name", m.start(), m.end()) for m in pattern.finditer(text)]
    raw += [("other", m.start(), m.end()) for m in LONG_NUMBER.finditer(text)]
    return [Finding(kind, *norm.original(start, end)) for kind, start, end in _resolve(raw)]


# Pairs both said where they overlap: the professional sees either hint. Nine digits that
# pass the elfproef can run through a date ("12-1-2000 12": a date, then a number).
_BOTH = ({"bsn", "phone"}, {"bsn", "date"})


def _resolve(raw: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlaps go to the kind first in _PRIORITY; findings of one kind that overlap merge."""
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(raw, key=lambda f: (_PRIORITY.index(f[0]), f[1], -f[2])):
        if end <= start:
            continue
        clash = [k for k in kept if k[1] < end and start < k[2] and {k[0], kind} not in _BOTH]
        if any(k[0] != kind for k in clash):
            continue
        for other in clash:
            kept.remove(other)
            start, end = min(start, other[1]), max(end, other[2])
        kept.append((kind, start, end))
    return sorted(kept, key=lambda f: (f[1], f[2]))


def kinds(found: Iterable[Finding]) -> list[str]:
    """The kinds found, each once, in the order of KINDS."""
    present = {f.kind for f in found}
    return [kind for kind in KINDS if kind in present]


def pieces(note: str, found: Iterable[Finding]) -> list[tuple[str, bool]]:
    """The note cut into its parts in order, each with whether it is a finding, so each way
    in can mark the findings its own way. A finding that starts inside an earlier one adds
    nothing."""
    out: list[tuple[str, bool]] = []
    position = 0
    for finding in sorted(found, key=lambda f: (f.start, f.end)):
        if finding.start < position:
            continue
        if finding.start > position:
            out.append((note[position : finding.start], False))
        out.append((note[finding.start : finding.end], True))
        position = finding.end
    if position < len(note):
        out.append((note[position:], False))
    return out


def marked(note: str, found: Iterable[Finding], open_mark: str = "⟦", close_mark: str = "⟧") -> str:
    """The note with every finding between marks, for showing the professional what to change."""
    return "".join(
        f"{open_mark}{part}{close_mark}" if hit else part for part, hit in pieces(note, found)
    )
