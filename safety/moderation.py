"""Layered prompt moderation: normalisation -> rules -> learned classifier -> fine-tuned encoder -> optional Hub model.

Contract:
- `PromptModerator(config)` is cheap; `load()` loads the MiniLM encoder and classifier weights, the fine-tuned encoder
  layer (when `config.use_tuned`, off by default) and the Hub model (when `config.hub_model_id` is set) and raises
  `SafetyLoadError` if any configured layer cannot load (fail closed).
- `moderate(text)` / `moderate_many(texts)` return `PromptVerdict`s; they load lazily on first use. Layers run
  cheapest first and stop at the first refusal; `verdict.layer` names the deciding layer ("rules", "classifier",
  "tuned", "hub"), or for an allowed prompt the last layer that ran. Scores are per category in [0, 1]; rule hits
  score 1.
- A soft rule hit (`safety.rules`: a robbery, drugs, "a murder": words as often in a cartoon or a cop show) does
  not refuse on its own: the classifier decides, at the lower `config.soft_rule_threshold`. Without a classifier a
  soft hit refuses like any other.
- Rules see the whole prompt; the learned layers and Hub model see at most `config.max_chars` characters (the learned
  layers also score each sentence of a long prompt so a bad sentence cannot hide in a long benign one).
- The learned layers are the numpy classifier on frozen MiniLM embeddings ("classifier") and, after it, MiniLM with
  its top layers fine-tuned ("tuned", `safety/tuned_classifier.py`); the tuned layer runs only with `use_classifier`
  (`use_classifier=False` means rules only) and shares one forward of the frozen bottom layers with it.
- Scores of both learned layers are calibrated per category (`flag_scores`), so one threshold applies to all
  categories of a layer (`classifier_threshold`, `tuned_threshold`).
- `rephrase_hint(verdict)` gives a plain-words suggestion for the refusal message.
Prompts are never logged; only counts, layers, categories and timings are.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from safety.errors import SafetyLoadError
from safety.normalize import normalize
from safety.prompt_classifier import DEFAULT_WEIGHTS, PromptClassifier
from safety.rules import check_rules, rule_lexicon
from safety.tuned_classifier import DEFAULT_TUNED_WEIGHTS, TunedPromptClassifier
from safety.types import CATEGORIES, PromptVerdict

log = logging.getLogger(__name__)

REPHRASE_HINTS = {
    "sexual": "keep people clothed and describe the scene without nudity or sexual acts",
    "minors": "remove anything sexual or suggestive; children may only appear in ordinary, non-sexual situations",
    "violence": "describe the action without gore, injuries, killing or torture",
    "self_harm": "leave out self-harm or suicide; if you are struggling, please reach out to someone you trust or a "
                 "local helpline",
    "hate": "describe people respectfully, without slurs, mockery or attacks on a group",
    "extremism": "leave out terrorist or extremist groups, symbols and attacks",
    # Names on no list are refused too (`safety.rules.cased_name_hit`), so say how to keep an invented character.
    "real_people": "describe a role instead of a real, identifiable person (\"a senator\", \"a pop singer\"); for "
                   "an invented character, say so (\"a pilot named Anna Miller\")",
    "weapons_illegal": "leave out weapon-making, drugs and crimes; a story can imply them without showing how",
}
_SENTENCE = re.compile(r"(?<=[.!?;:\n])\s+")


def rephrase_hint(verdict: PromptVerdict) -> str:
    """A suggestion to rephrase, in plain words, for the categories of a refused verdict ('' when allowed)."""
    if verdict.allowed:
        return ""
    hints = [REPHRASE_HINTS[c] for c in verdict.categories if c in REPHRASE_HINTS]
    return ("Try again and " + "; ".join(hints) + ".") if hints else "Please rephrase your prompt."


@dataclass(frozen=True)
class ModerationConfig:
    use_classifier: bool = True
    classifier_threshold: float = 0.5         # per-category thresholds (calibrated out-of-fold by
                                              # `python -m safety.train_classifier`) are mapped onto this number
    hub_model_id: str | None = None           # e.g. "meta-llama/Llama-Guard-3-1B" on a GPU Space; off by default
    max_chars: int = 2000
    classifier_path: str | None = None        # None: the bundled safety/data/prompt_classifier.npz
    use_tuned: bool = False                   # the fine-tuned encoder layer (needs use_classifier); off by default:
                                              # it adds recall but also false positives (see bench/moderation.py)
    tuned_threshold: float = 0.5              # per-category thresholds (calibrated on a held-out split by
                                              # `python -m safety.train_tuned_classifier`) are mapped onto this
    tuned_path: str | None = None             # None: the bundled safety/data/prompt_encoder_tuned.safetensors
    hub_threshold: float = 0.5                # for sequence-classifier Hub models
    soft_rule_threshold: float = 0.4          # a prompt whose only rule hits are soft (a robbery, a murder) is
                                              # refused when the classifier's highest calibrated score reaches
                                              # this (below classifier_threshold: the rule is evidence too)
    device: str = "cpu"


class PromptModerator:
    def __init__(self, config: ModerationConfig = ModerationConfig()):
        self.config = config
        self._encoder = None
        self._classifier: PromptClassifier | None = None
        self._tuned: TunedPromptClassifier | None = None
        self._hub = None
        self._loaded = False
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            started = time.perf_counter()
            rule_lexicon()  # word list for normalisation; cheap, but do it before the first request
            if self.config.use_classifier:
                from safety.minilm import get_encoder

                classifier = PromptClassifier.load(self.config.classifier_path or DEFAULT_WEIGHTS)  # cheap: first
                if self.config.use_tuned:  # it carries the whole MiniLM and gives the classifier its embeddings
                    tuned = TunedPromptClassifier(self.config.tuned_path or DEFAULT_TUNED_WEIGHTS,
                                                  device=self.config.device)
                    tuned.load()
                    self._tuned = tuned
                else:
                    encoder = get_encoder()
                    encoder.load()
                    self._encoder = encoder
                self._classifier = classifier
            if self.config.hub_model_id:
                hub = HubSafetyModel(self.config.hub_model_id, device=self.config.device,
                                     threshold=self.config.hub_threshold, max_chars=self.config.max_chars)
                hub.load()
                self._hub = hub
            self._loaded = True
            log.info("prompt moderation loaded (classifier=%s, tuned=%s, hub=%s) in %.2fs",
                     self.config.use_classifier, self._tuned is not None, bool(self.config.hub_model_id),
                     time.perf_counter() - started)

    def moderate(self, text: str) -> PromptVerdict:
        return self.moderate_many([text])[0]

    def moderate_many(self, texts: list[str]) -> list[PromptVerdict]:
        if isinstance(texts, str):
            raise TypeError("moderate_many expects a list of strings, not one string")
        if any(not isinstance(t, str) for t in texts):
            raise TypeError("every prompt must be a str")
        self.load()
        started = time.perf_counter()
        lexicon = rule_lexicon()
        verdicts: list[PromptVerdict | None] = [None] * len(texts)
        normalized = [normalize(t, lexicon) for t in texts]  # layer 1
        canonical = [n.canonical for n in normalized]

        soft: dict[int, tuple[str, ...]] = {}  # prompts whose only rule hits are soft: the classifier must agree
        for i, norm in enumerate(normalized):  # layer 2: rules
            hits = check_rules(norm.canonical, norm.joined, original=texts[i])
            if not hits:
                continue
            cats = tuple(c for c in CATEGORIES if c in hits)
            if all(h.soft for h in hits.values()) and self._classifier is not None and canonical[i]:
                soft[i] = cats
            else:  # without a classifier a soft hit refuses like any other (fail closed)
                verdicts[i] = PromptVerdict(False, cats, {c: hits[c].score for c in cats}, "rules")

        pending = [i for i, v in enumerate(verdicts) if v is None and canonical[i]]
        scores: dict[int, dict[str, float]] = {}
        if pending and self._classifier is not None:  # layer 3: classifier (and 3b: tuned encoder)
            probs, tuned_probs = self._classify([canonical[i] for i in pending])
            threshold = self.config.classifier_threshold
            for row, i in enumerate(pending):
                scores[i] = {c: round(float(p), 4) for c, p in zip(self._classifier.categories, probs[row])}
                flagged = sorted((c for c, p in scores[i].items() if p >= threshold), key=lambda c: -scores[i][c])
                if not flagged and i in soft and max(scores[i].values()) >= self.config.soft_rule_threshold:
                    flagged = list(soft[i])  # the rule named the category; the classifier confirmed the context
                if flagged:
                    verdicts[i] = PromptVerdict(False, tuple(flagged), scores[i], "classifier")
                    continue
                if tuned_probs is None:
                    continue
                tuned = {c: round(float(p), 4) for c, p in zip(self._tuned.categories, tuned_probs[row])}
                flagged = sorted((c for c, p in tuned.items() if p >= self.config.tuned_threshold),
                                 key=lambda c: -tuned[c])
                if flagged:
                    verdicts[i] = PromptVerdict(False, tuple(flagged), tuned, "tuned")
                else:  # what the Hub layer falls back on: the higher of the two learned scores
                    scores[i] = {c: max(p, tuned.get(c, 0.0)) for c, p in scores[i].items()}

        if self._hub is not None:  # layer 4: Hub safety model, only for what is still allowed
            for i in [i for i, v in enumerate(verdicts) if v is None and canonical[i]]:
                # The model reads natural text best; when tricks were undone, it gets the undone text.
                hub_text = normalized[i].canonical if normalized[i].tricks else texts[i]
                hub_scores = self._hub.score(hub_text, fallback=scores.get(i, {}))
                flagged = tuple(c for c, p in hub_scores.items() if p >= self._hub.threshold)
                merged = {**scores.get(i, {}), **hub_scores}
                if flagged:
                    verdicts[i] = PromptVerdict(False, flagged, merged, "hub")
                else:
                    scores[i] = merged

        last_layer = ("hub" if self._hub else "tuned" if self._tuned else "classifier" if self._classifier
                      else "rules")
        out = [v if v is not None else PromptVerdict(True, (), scores.get(i, {}), last_layer)
               for i, v in enumerate(verdicts)]
        refused = [v for v in out if not v.allowed]
        log.info("moderated %d prompts in %.1f ms: %d refused (%s); %d soft rule hits, %d of them let through",
                 len(texts), (time.perf_counter() - started) * 1000, len(refused),
                 ", ".join(f"{v.layer}:{'+'.join(v.categories)}" for v in refused) or "none", len(soft),
                 sum(out[i].allowed for i in soft))
        return out

    def _classify(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
        """Flag scores of the classifier and of the tuned layer (None when off): the max over the whole (clipped)
        prompt and, for multi-sentence prompts, each sentence."""
        views, owner = [], []
        for i, text in enumerate(texts):
            parts = prompt_views(text[: self.config.max_chars])
            views.extend(parts)
            owner.extend([i] * len(parts))
        tuned = None
        if self._tuned is not None:  # one forward of the frozen bottom layers serves both learned layers
            embeddings, tuned_probs = self._tuned.encode_and_score(views)
            tuned = self._tuned.flag_scores(tuned_probs)
        else:
            embeddings = self._encoder.encode(views)
        probs = self._classifier.text_flag_scores(embeddings, views)
        per_text = _max_per_owner(probs, owner, len(texts))
        return per_text, (None if tuned is None else _max_per_owner(tuned, owner, len(texts)))


def prompt_views(text: str) -> list[str]:
    """What the learned layers score for one prompt: the whole text and, for a multi-sentence prompt, each sentence,
    so a bad sentence cannot hide in a long benign one. (Pairs of comma clauses were tried as well: on the blind
    sets they found as many new false positives as new unsafe prompts, so they are not scored.)"""
    sentences = [s for s in _SENTENCE.split(text) if len(s) > 3]
    return [text] + (sentences if len(sentences) > 1 else [])


def _max_per_owner(scores: np.ndarray, owner: list[int], n: int) -> np.ndarray:
    out = np.zeros((n, scores.shape[1]), dtype=np.float32)
    np.maximum.at(out, np.array(owner), scores.astype(np.float32))
    return out


# ---- layer 4: optional Hub safety model -------------------------------------------------------------------------
# Llama Guard 3/4 hazard codes -> our categories (S8 intellectual property has no counterpart: generic refusal).
LLAMA_GUARD_CODES = {
    "s1": "violence", "s2": "weapons_illegal", "s3": "sexual", "s4": "minors", "s5": "real_people",
    "s6": "weapons_illegal", "s7": "real_people", "s9": "weapons_illegal", "s10": "hate", "s11": "self_harm",
    "s12": "sexual", "s13": "real_people", "s14": "weapons_illegal",
}
# Substrings of sequence-classifier label names -> our categories; "safe"-like labels map to None.
_LABEL_HINTS = (
    ("unsafe", ""), ("minor", "minors"), ("child", "minors"), ("sexual", "sexual"), ("nsfw", "sexual"),
    ("porn", "sexual"), ("nud", "sexual"), ("explicit", "sexual"), ("self", "self_harm"), ("suicid", "self_harm"),
    ("violen", "violence"), ("gore", "violence"), ("hate", "hate"), ("harass", "hate"), ("toxic", "hate"),
    ("insult", "hate"), ("terror", "extremism"), ("extrem", "extremism"), ("weapon", "weapons_illegal"),
    ("illegal", "weapons_illegal"), ("crime", "weapons_illegal"), ("drug", "weapons_illegal"),
    ("safe", None), ("benign", None), ("neutral", None), ("normal", None), ("sfw", None), ("ok", None),
)
_GUARD_INSTRUCTION = (
    "Task: Check if there is unsafe content in the 'User' message according to our safety policy.\n"
    "User: {prompt}\n"
    "Provide your safety assessment: first line 'safe' or 'unsafe'; if unsafe, second line a comma-separated "
    "list of violated categories.\n"
)


def label_category(label: str) -> str | None:
    """Our category for a classifier label name; '' means unsafe without a category, None means safe."""
    name = label.lower()
    for hint, category in _LABEL_HINTS:
        if hint in name:
            return category
    return ""


def parse_guard_output(output: str) -> tuple[bool, tuple[str, ...]] | None:
    """Parse a Llama-Guard style answer: (unsafe, categories); None when it is neither 'safe' nor 'unsafe'."""
    words = output.strip().lower().split()
    if not words:
        return None
    if words[0].startswith("unsafe"):
        codes = re.findall(r"\bs\d{1,2}\b", " ".join(words[1:]))
        cats = tuple(dict.fromkeys(LLAMA_GUARD_CODES[c] for c in codes if c in LLAMA_GUARD_CODES))
        return True, cats
    if words[0].startswith("safe"):
        return False, ()
    return None


class HubSafetyModel:
    """A Hub safety classifier loaded with `transformers`: a Llama-Guard-class causal LM (answers safe/unsafe +
    hazard codes) or a sequence classifier whose labels name categories. `score(text, fallback)` returns
    {category: score}; a generic 'unsafe' is attributed to the highest category in `fallback` (the classifier's
    scores), else to weapons_illegal. Raises SafetyLoadError when it cannot load or its answer is unreadable."""

    def __init__(self, model_id: str, device: str = "cpu", threshold: float = 0.5, max_chars: int = 2000,
                 max_new_tokens: int = 12):
        self.model_id = model_id
        self.device = device
        self.threshold = threshold
        self.max_chars = max_chars
        self.max_new_tokens = max_new_tokens
        self.kind = ""
        self._model = None
        self._tokenizer = None

    def load(self) -> None:
        started = time.perf_counter()
        try:
            import torch
            from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

            config = AutoConfig.from_pretrained(self.model_id)
            archs = " ".join(getattr(config, "architectures", None) or [])
            self.kind = "classifier" if "ForSequenceClassification" in archs else "generative"
            auto = AutoModelForSequenceClassification if self.kind == "classifier" else AutoModelForCausalLM
            self._tokenizer = AutoTokenizer.from_pretrained(self.model_id)
            # Half precision on a GPU (a Llama-Guard-8B needs it to fit); full precision on CPU.
            dtype = torch.bfloat16 if str(self.device).startswith("cuda") else torch.float32
            self._model = auto.from_pretrained(self.model_id, dtype=dtype).to(self.device).eval()
        except Exception as exc:
            raise SafetyLoadError(f"Hub safety model {self.model_id!r} could not be loaded: "
                                  f"{type(exc).__name__}: {exc}") from exc
        log.info("Hub safety model loaded (%s) in %.2fs", self.kind, time.perf_counter() - started)

    def score(self, text: str, fallback: dict[str, float] | None = None) -> dict[str, float]:
        if self._model is None:
            raise SafetyLoadError("Hub safety model used before load()")
        text = text[: self.max_chars]
        try:
            raw = self._score_classifier(text) if self.kind == "classifier" else self._score_generative(text)
        except SafetyLoadError:
            raise
        except Exception as exc:
            raise SafetyLoadError(f"Hub safety model failed to score: {type(exc).__name__}: {exc}") from exc
        generic = raw.pop("", 0.0)
        if generic:
            best = max(fallback or {}, key=lambda c: (fallback or {})[c], default="weapons_illegal")
            raw[best] = max(raw.get(best, 0.0), generic)
        return raw

    def _score_classifier(self, text: str) -> dict[str, float]:
        import torch

        enc = self._tokenizer(text, return_tensors="pt", truncation=True, max_length=512).to(self.device)
        with torch.inference_mode():
            logits = self._model(**enc).logits[0].float()
        multi = getattr(self._model.config, "problem_type", None) == "multi_label_classification"
        probs = torch.sigmoid(logits) if multi else torch.softmax(logits, dim=-1)
        out: dict[str, float] = {}
        for idx, p in enumerate(probs.tolist()):
            category = label_category(self._model.config.id2label.get(idx, str(idx)))
            if category is not None:
                out[category] = max(out.get(category, 0.0), round(p, 4))
        return out

    def _score_generative(self, text: str) -> dict[str, float]:
        import torch

        tok = self._tokenizer
        if getattr(tok, "chat_template", None):
            ids = tok.apply_chat_template([{"role": "user", "content": text}], add_generation_prompt=True,
                                          return_tensors="pt", return_dict=True)
            ids = {k: v.to(self.device) for k, v in ids.items()}
        else:
            ids = tok(_GUARD_INSTRUCTION.format(prompt=text), return_tensors="pt").to(self.device)
        ids = {k: v for k, v in ids.items() if k in ("input_ids", "attention_mask")}
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        with torch.inference_mode():
            out = self._model.generate(**ids, max_new_tokens=self.max_new_tokens, do_sample=False, pad_token_id=pad)
        answer = tok.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True)
        parsed = parse_guard_output(answer)
        if parsed is None:
            raise SafetyLoadError("Hub safety model gave an unreadable answer (expected 'safe' or 'unsafe')")
        unsafe, cats = parsed
        if not unsafe:
            return {}
        return {c: 1.0 for c in cats} if cats else {"": 1.0}


def default_classifier_threshold(path: str | Path = DEFAULT_WEIGHTS) -> float:
    """The threshold the training script calibrated and stored next to the weights."""
    return PromptClassifier.load(path).threshold
