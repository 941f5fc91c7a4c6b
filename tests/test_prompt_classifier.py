"""Layer 3: the labelled prompt sets, the numpy classifier (training, persistence, fail-closed loading), the encoder."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from safety.errors import SafetyLoadError
from safety.moderation import ModerationConfig
from safety.prompt_classifier import (DEFAULT_WEIGHTS, DEV_SET, TRAIN_SET, PromptClassifier, label_matrix,
                                      read_prompt_set)
from safety.types import CATEGORIES

CATS = tuple(CATEGORIES)


@pytest.fixture(scope="module")
def train_set():
    return read_prompt_set(TRAIN_SET)


@pytest.fixture(scope="module")
def dev_set():
    return read_prompt_set(DEV_SET)


def test_prompt_sets_are_big_honest_and_mostly_benign(train_set, dev_set):
    for rows in (train_set, dev_set):
        assert len(rows) >= 400
        assert sum(not p.unsafe for p in rows) > len(rows) / 2 or rows is train_set
        assert {c for p in rows for c in p.labels} == set(CATEGORIES)
    assert sum(not p.unsafe for p in dev_set) > len(dev_set) / 2  # benign is the majority where we measure
    overlap = {p.text.lower() for p in train_set} & {p.text.lower() for p in dev_set}
    assert not overlap, f"train and dev share prompts: {sorted(overlap)[:3]}"


@pytest.mark.parametrize("category", ["sexual", "minors", "self_harm", "violence"])
def test_worst_categories_are_covered_in_three_more_languages(train_set, dev_set, category):
    for rows in (train_set, dev_set):
        langs = {p.lang for p in rows if category in p.labels}
        assert {"en", "es", "fr", "de"} <= langs


def test_label_matrix_marks_implied_categories(train_set):
    y = label_matrix(train_set, CATS)
    minors = [i for i, p in enumerate(train_set) if "minors" in p.labels]
    assert y[minors, CATS.index("sexual")].all()  # sexualised minors also count as sexual content
    benign = [i for i, p in enumerate(train_set) if not p.unsafe]
    assert not y[benign].any()


def _toy_data(seed=0):
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(3, 16))
    x = np.vstack([c + 0.3 * rng.normal(size=(40, 16)) for c in centers]).astype(np.float32)
    y = np.zeros((120, 2), dtype=np.float32)
    y[40:80, 0] = 1  # cluster 1 -> category 0, cluster 2 -> category 1, cluster 0 -> benign
    y[80:, 1] = 1
    return x, y


@pytest.mark.parametrize("hidden", [0, 8])
def test_fit_learns_and_is_deterministic(hidden):
    x, y = _toy_data()
    cats = ("sexual", "violence")
    a = PromptClassifier.fit(x, y, cats, hidden=hidden, seed=3, epochs=200)
    b = PromptClassifier.fit(x, y, cats, hidden=hidden, seed=3, epochs=200)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    probs = a.predict_proba(x)
    assert ((probs > 0.5) == (y > 0.5)).mean() > 0.97


def test_save_load_roundtrip(tmp_path):
    x, y = _toy_data()
    model = PromptClassifier.fit(x, y, ("sexual", "violence"), hidden=4, epochs=50)
    model.threshold, model.meta = 0.7, {"seed": 0}
    loaded = PromptClassifier.load(model.save(tmp_path / "w.npz"))
    assert loaded.categories == ("sexual", "violence") and loaded.threshold == pytest.approx(0.7)
    assert loaded.meta == {"seed": 0} and loaded.hidden == 4
    np.testing.assert_allclose(loaded.predict_proba(x), model.predict_proba(x), rtol=1e-6)
    with pytest.raises(ValueError):
        loaded.predict_proba(x[:, :5])


def test_missing_or_malformed_weights_fail_closed(tmp_path):
    with pytest.raises(SafetyLoadError):
        PromptClassifier.load(tmp_path / "absent.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(SafetyLoadError):
        PromptClassifier.load(tmp_path / "junk.npz")
    np.savez(tmp_path / "wrong.npz", W1=np.zeros((384, 2)), b1=np.zeros(2), categories=np.array(["sexual", "nope"]),
             threshold=np.array(0.5))
    with pytest.raises(SafetyLoadError):
        PromptClassifier.load(tmp_path / "wrong.npz")


def test_bundled_weights_match_config_and_training_data():
    model = PromptClassifier.load(DEFAULT_WEIGHTS)
    assert model.categories == CATS
    assert model.params["W1"].shape[0] == 384
    assert ModerationConfig().classifier_threshold == pytest.approx(model.threshold, abs=5e-4)
    assert model.meta["train_sha256"] == hashlib.sha256(TRAIN_SET.read_bytes()).hexdigest(), \
        "train set changed: rerun `python -m safety.train_classifier` and update ModerationConfig"


@pytest.mark.slow
def test_minilm_encoder_gives_unit_vectors_that_group_paraphrases():
    from safety.minilm import get_encoder

    enc = get_encoder()
    v = enc.encode(["a naked woman", "a nude lady", "a cat on a sofa", "a naked woman"])
    assert v.shape == (4, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(v[0], v[3], atol=1e-5)  # batching/sorting does not change a row
    assert v[0] @ v[1] > 0.6 > v[0] @ v[2]
    assert enc.encode([]).shape == (0, 384)


def test_encoder_with_missing_model_dir_fails_closed(tmp_path):
    from safety.minilm import MiniLMEncoder

    with pytest.raises(SafetyLoadError):
        MiniLMEncoder(model_dir=tmp_path / "nothing").load()
