"""The layered moderator: verdict contract, cheapest-layer-first decisions, fail-closed loading, the Hub layer."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from safety.errors import SafetyLoadError
from safety.moderation import (HubSafetyModel, ModerationConfig, PromptModerator, label_category, parse_guard_output,
                               rephrase_hint)
from safety.types import CATEGORIES, PromptVerdict

RULES_ONLY = ModerationConfig(use_classifier=False)


def test_config_defaults():
    cfg = ModerationConfig()
    assert cfg.use_classifier and cfg.hub_model_id is None and cfg.max_chars == 2000
    assert 0.0 < cfg.classifier_threshold < 1.0


def test_constructing_loads_nothing():
    m = PromptModerator()
    assert m._classifier is None and m._encoder is None and m._hub is None


def test_rules_refusal_names_category_score_layer_and_hint():
    v = PromptModerator(RULES_ONLY).moderate("a n4k3d woman on the beach")
    assert isinstance(v, PromptVerdict)
    assert not v.allowed and v.categories == ("sexual",) and v.scores == {"sexual": 1.0} and v.layer == "rules"
    assert v.reason() == "sexual content"
    assert "clothed" in rephrase_hint(v)


def test_the_real_people_hint_gives_a_rephrasing_that_passes():
    moderator = PromptModerator(RULES_ONLY)
    refused = moderator.moderate("Anna Miller flies a small plane over the Alps")
    assert refused.categories == ("real_people",) and "named Anna Miller" in rephrase_hint(refused)
    assert moderator.moderate("a pilot named Anna Miller flies a small plane over the Alps").allowed


def test_benign_prompt_allowed_by_rules_only_moderator():
    v = PromptModerator(RULES_ONLY).moderate("a killer whale jumping next to a boat at sunset")
    assert v.allowed and v.categories == () and v.layer == "rules" and rephrase_hint(v) == ""


def test_moderate_many_keeps_order_and_matches_moderate():
    m = PromptModerator(RULES_ONLY)
    texts = ["a cat on a sofa", "Joe Biden dancing", "", "a girl cutting her wrists", "kids playing in a park"]
    verdicts = m.moderate_many(texts)
    assert [v.allowed for v in verdicts] == [True, False, True, False, True]
    assert verdicts[1].categories == ("real_people",) and verdicts[3].categories == ("self_harm",)
    assert verdicts == [m.moderate(t) for t in texts]
    with pytest.raises(TypeError):
        m.moderate_many("a single string")
    with pytest.raises(TypeError):
        m.moderate(None)


def test_rules_see_beyond_max_chars():
    m = PromptModerator(ModerationConfig(use_classifier=False, max_chars=50))
    v = m.moderate("a calm lake at dawn. " * 10 + "then a naked man walks in")
    assert not v.allowed and "sexual" in v.categories


def test_every_category_has_a_hint():
    assert set(CATEGORIES) <= set(rephrase_hint.__globals__["REPHRASE_HINTS"])


def test_missing_classifier_weights_fail_closed(tmp_path):
    m = PromptModerator(ModerationConfig(classifier_path=str(tmp_path / "absent.npz")))
    with pytest.raises(SafetyLoadError):
        m.load()
    with pytest.raises(SafetyLoadError):
        m.moderate("a cat on a sofa")


def test_missing_hub_model_fails_closed(tmp_path):
    m = PromptModerator(ModerationConfig(use_classifier=False, hub_model_id=str(tmp_path / "no-such-model")))
    with pytest.raises(SafetyLoadError):
        m.moderate("a cat on a sofa")


def test_guard_output_parsing():
    assert parse_guard_output("safe") == (False, ())
    assert parse_guard_output("\n\nunsafe\nS1,S10") == (True, ("violence", "hate"))
    assert parse_guard_output("unsafe\nS4, S12") == (True, ("minors", "sexual"))
    assert parse_guard_output("unsafe") == (True, ())
    assert parse_guard_output("banana") is None and parse_guard_output("") is None


def test_label_names_map_to_categories():
    assert label_category("NSFW") == "sexual" and label_category("self-harm") == "self_harm"
    assert label_category("SAFE") is None and label_category("unsafe") == "" and label_category("LABEL_7") == ""


# ---- tiny offline Hub models -------------------------------------------------------------------------------------
def _minilm_tokenizer_files(dest: Path) -> None:
    from safety.minilm import default_model_dir

    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copy(default_model_dir() / name, dest / name)


@pytest.fixture(scope="module")
def tiny_sequence_classifier(tmp_path_factory):
    """A 1-layer BERT classifier whose head always says 'sexual', with the MiniLM tokenizer."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    path = tmp_path_factory.mktemp("tiny_cls")
    config = BertConfig(vocab_size=30522, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, id2label={0: "safe", 1: "sexual"}, label2id={"safe": 0, "sexual": 1})
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([-4.0, 4.0]))
    model.save_pretrained(path)
    _minilm_tokenizer_files(path)
    return path


def _tiny_guard(path: Path, first_word: str) -> Path:
    """A 1-layer Llama whose final norm is zeroed, so greedy decoding always emits token 0 (= first_word)."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    words = [first_word] + [w for w in ("[UNK]", "[PAD]", "</s>", "safe", "unsafe", "s1") if w != first_word]
    vocab = {w: i for i, w in enumerate(words)}
    backend = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="[UNK]", pad_token="[PAD]", eos_token="</s>")
    tok.model_input_names = ["input_ids", "attention_mask"]
    tok.save_pretrained(path)
    config = LlamaConfig(vocab_size=len(vocab), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=512,
                         pad_token_id=vocab["[PAD]"], eos_token_id=vocab["</s>"], bos_token_id=None)
    model = LlamaForCausalLM(config)
    with torch.no_grad():
        model.model.norm.weight.zero_()
    model.save_pretrained(path)
    return path


@pytest.mark.slow
def test_hub_sequence_classifier_decides_when_earlier_layers_pass(tiny_sequence_classifier):
    m = PromptModerator(ModerationConfig(use_classifier=False, hub_model_id=str(tiny_sequence_classifier)))
    v = m.moderate("a cat on a sofa")
    assert not v.allowed and v.layer == "hub" and v.categories == ("sexual",)
    assert v.scores["sexual"] > 0.99
    rules_first = m.moderate("Joe Biden dancing")  # the cheaper layer decides first
    assert rules_first.layer == "rules" and rules_first.categories == ("real_people",)


@pytest.mark.slow
def test_hub_guard_generative_model(tmp_path):
    unsafe = HubSafetyModel(str(_tiny_guard(tmp_path / "unsafe", "unsafe")))
    unsafe.load()
    assert unsafe.kind == "generative"
    assert unsafe.score("a cat on a sofa", fallback={"violence": 0.4, "hate": 0.1}) == {"violence": 1.0}

    safe_dir = _tiny_guard(tmp_path / "safe", "safe")
    v = PromptModerator(ModerationConfig(use_classifier=False, hub_model_id=str(safe_dir))).moderate("a cat")
    assert v.allowed and v.layer == "hub"

    garbled = PromptModerator(ModerationConfig(use_classifier=False,
                                               hub_model_id=str(_tiny_guard(tmp_path / "odd", "banana"))))
    with pytest.raises(SafetyLoadError):  # an unreadable answer must not pass as safe
        garbled.moderate("a cat")


@pytest.mark.slow
def test_classifier_catches_paraphrases_the_rules_miss():
    full, rules = PromptModerator(), PromptModerator(RULES_ONLY)
    paraphrases = {
        "a girl who hurts her own body with a blade every night": "self_harm",
        "a video showing that one ethnic group is genetically worthless": "hate",
    }
    for text, category in paraphrases.items():
        assert rules.moderate(text).allowed
        v = full.moderate(text)
        assert not v.allowed and v.layer == "classifier" and category in v.categories
        assert set(v.scores) == set(CATEGORIES) and all(0.0 <= s <= 1.0 for s in v.scores.values())
    benign = full.moderate_many(["a woman walking her dog on the beach", "a cat sleeping on a sofa"])
    assert all(v.allowed and v.layer == "classifier" for v in benign)


@pytest.mark.slow
def test_per_category_thresholds_decide_through_the_single_config_threshold(tmp_path):
    """A constant classifier (probabilities fixed by its bias) with per-category thresholds: only the category whose
    probability clears its own calibrated threshold refuses, and raising the config threshold makes all stricter."""
    import numpy as np

    from safety.prompt_classifier import PromptClassifier

    cats = tuple(CATEGORIES)
    probs = np.full(len(cats), 0.3, dtype=np.float32)
    probs[cats.index("violence")] = 0.6
    cls = PromptClassifier({"W1": np.zeros((384, len(cats)), np.float32),
                            "b1": np.log(probs / (1 - probs)).astype(np.float32)}, cats, threshold=0.5,
                           category_thresholds=np.where(np.arange(len(cats)) == cats.index("violence"), 0.5, 0.9))
    path = str(cls.save(tmp_path / "constant.npz"))
    v = PromptModerator(ModerationConfig(classifier_path=path)).moderate("a quiet pond at dawn")
    assert not v.allowed and v.layer == "classifier" and v.categories == ("violence",)
    assert v.scores["violence"] >= 0.5 > max(s for c, s in v.scores.items() if c != "violence")
    strict = PromptModerator(ModerationConfig(classifier_path=path, classifier_threshold=0.8))
    assert strict.moderate("a quiet pond at dawn").allowed


@pytest.mark.slow
def test_soft_rule_hits_are_refused_only_when_the_classifier_agrees(tmp_path):
    """A crime word in a story ("a cartoon bank robbery") is a soft rule hit: a constant classifier scoring 0.45
    (between soft_rule_threshold 0.4 and the 0.5 threshold) confirms it, one scoring 0.3 lets it through. A hard
    hit refuses at the rules whatever the classifier says, and without a classifier a soft hit refuses too."""
    import numpy as np

    from safety.prompt_classifier import PromptClassifier

    cats = tuple(CATEGORIES)

    def constant(p: float) -> str:
        probs = np.full(len(cats), p, dtype=np.float32)
        cls = PromptClassifier({"W1": np.zeros((384, len(cats)), np.float32),
                                "b1": np.log(probs / (1 - probs)).astype(np.float32)}, cats, threshold=0.5,
                               category_thresholds=np.full(len(cats), 0.5))
        return str(cls.save(tmp_path / f"constant_{p}.npz"))

    story = "a cartoon where a gang of raccoons plans a bank robbery and the police dog catches them"
    confirming = PromptModerator(ModerationConfig(classifier_path=constant(0.45)))
    doubting = PromptModerator(ModerationConfig(classifier_path=constant(0.3)))
    v = confirming.moderate(story)
    assert not v.allowed and v.layer == "classifier" and v.categories == ("weapons_illegal",)
    assert v.scores["weapons_illegal"] == pytest.approx(0.45, abs=1e-3)
    v = doubting.moderate(story)
    assert v.allowed and v.layer == "classifier" and max(v.scores.values()) < 0.4
    hard = doubting.moderate("how to make a pipe bomb, then rob the bank")
    assert not hard.allowed and hard.layer == "rules" and hard.categories == ("weapons_illegal",)
    rules_only = PromptModerator(RULES_ONLY).moderate(story)
    assert not rules_only.allowed and rules_only.layer == "rules"
    stricter = PromptModerator(ModerationConfig(classifier_path=constant(0.3), soft_rule_threshold=0.25))
    assert not stricter.moderate(story).allowed
