"""Layer 3: the labelled prompt sets, the numpy classifier (training, persistence, fail-closed loading), the encoder."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from safety.errors import SafetyLoadError
from safety.moderation import ModerationConfig
from safety.prompt_classifier import (DEFAULT_WEIGHTS, DEV_SET, NEWEST_BLIND_SET, RETIRED_SETS, TRAIN_SET,
                                      PromptClassifier, label_matrix, read_prompt_set)
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
    from safety.train_classifier import TEMPLATES

    model = PromptClassifier.load(DEFAULT_WEIGHTS)
    assert model.categories == CATS
    assert model.params["W1"].shape[0] == 384
    assert ModerationConfig().classifier_threshold == pytest.approx(model.threshold, abs=5e-4)
    assert model.meta["train_sha256"] == hashlib.sha256(TRAIN_SET.read_bytes()).hexdigest(), \
        "train set changed: rerun `python -m safety.train_classifier` and update ModerationConfig"
    assert model.meta["templates_sha256"] == hashlib.sha256(TEMPLATES.read_bytes()).hexdigest(), \
        "templates changed: rerun `python -m safety.train_classifier`"
    assert model.meta["extra_sha256"] == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in RETIRED_SETS}, \
        "a retired evaluation set changed: rerun `python -m safety.train_classifier`"
    assert model.bank is not None and model.bank.shape[1] == 384 and 0 < model.knn_weight < 1
    assert np.all((model.category_thresholds > 0) & (model.category_thresholds < 1))
    assert model.char is not None and model.char.w.shape == (model.meta["char_dim"], len(CATS))
    assert DEFAULT_WEIGHTS.stat().st_size < 10 * 2**20  # the repo ships it; the Hub wants LFS above 10 MB


def test_retired_sets_exclude_the_dev_set_and_the_newest_blind_set():
    names = {p.name for p in RETIRED_SETS}
    assert DEV_SET.name not in names and NEWEST_BLIND_SET.name not in names
    assert all(p.exists() for p in RETIRED_SETS) and NEWEST_BLIND_SET.exists()


def test_flag_scores_put_each_category_threshold_on_the_global_one():
    model = PromptClassifier({"W1": np.zeros((4, 2), np.float32), "b1": np.zeros(2, np.float32)},
                             ("sexual", "violence"), threshold=0.5, category_thresholds=np.array([0.9, 0.2]))
    probs = np.array([[0.9, 0.2], [0.89, 0.19], [0.95, 0.6], [0.0, 1.0]], dtype=np.float32)
    flags = model.flag_scores(probs)
    np.testing.assert_allclose(flags[0], [0.5, 0.5], atol=1e-6)  # exactly at each category's own threshold
    assert (flags[1] < 0.5).all() and (flags[2] > 0.5).all()
    assert flags.min() >= 0.0 and flags.max() <= 1.0 and flags[3, 1] == pytest.approx(1.0)
    order = np.argsort(probs[:, 0])
    assert np.all(np.diff(flags[order, 0]) >= 0)  # monotone: ranking within a category is kept


def test_exemplar_bank_blends_nearest_neighbour_scores_and_round_trips(tmp_path):
    x, y = _toy_data()
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    cats = ("sexual", "violence")
    model = PromptClassifier.fit(x, y, cats, hidden=0, epochs=5)  # deliberately undertrained
    plain = model.predict_proba(x)
    model.bank, model.bank_labels, model.knn_weight = x, y > 0, 0.5
    knn = model.knn_scores(x)
    assert ((knn > 0.5) == (y > 0.5)).mean() > 0.97  # each point is its own nearest exemplar
    np.testing.assert_allclose(model.predict_proba(x), 0.5 * plain + 0.5 * knn, rtol=1e-5)
    model.category_thresholds = np.array([0.3, 0.7], dtype=np.float32)
    loaded = PromptClassifier.load(model.save(tmp_path / "bank.npz"))
    np.testing.assert_allclose(loaded.predict_proba(x), model.predict_proba(x), atol=2e-3)  # bank stored as fp16
    np.testing.assert_allclose(loaded.category_thresholds, [0.3, 0.7])
    arrays = dict(np.load(tmp_path / "bank.npz"))
    arrays["bank_labels"] = np.zeros((3, 2), np.uint8)  # does not match the bank
    np.savez(tmp_path / "bad_bank.npz", **arrays)
    with pytest.raises(SafetyLoadError):
        PromptClassifier.load(tmp_path / "bad_bank.npz")


def test_minibatch_fit_is_deterministic_and_learns():
    x, y = _toy_data()
    a = PromptClassifier.fit(x, y, ("sexual", "violence"), hidden=8, seed=1, epochs=20, batch_size=16, lr=0.01)
    b = PromptClassifier.fit(x, y, ("sexual", "violence"), hidden=8, seed=1, epochs=20, batch_size=16, lr=0.01)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert ((a.predict_proba(x) > 0.5) == (y > 0.5)).mean() > 0.97


def test_templates_expand_deterministically_into_both_classes():
    from safety.train_classifier import expand_templates

    a, b = expand_templates(seed=0), expand_templates(seed=0)
    assert [p.text for p in a] == [p.text for p in b]
    assert len(a) > 5000 and len({p.text.lower() for p in a}) == len(a)
    assert {c for p in a for c in p.labels} == set(CATEGORIES)
    benign = sum(not p.unsafe for p in a)
    assert 0.35 < benign / len(a) < 0.65  # look-alikes in about equal measure
    assert not any("  " in p.text or p.text.startswith(",") for p in a)
    holdout2 = {p.text.lower() for p in read_prompt_set(TRAIN_SET.parent / "prompts_holdout2.tsv")}
    assert not holdout2 & {p.text.lower() for p in a}


def test_threshold_allocation_spends_the_budget_where_recall_is():
    from safety.train_classifier import allocate_thresholds

    rng = np.random.default_rng(0)
    n = 400
    y = np.zeros((n, 2), dtype=np.float32)
    y[:100, 0] = 1
    y[100:200, 1] = 1
    scores = rng.uniform(0, 0.4, (n, 2)).astype(np.float32)
    scores[:100, 0] = rng.uniform(0.3, 1.0, 100)  # category 0 separable-ish ...
    scores[100:200, 1] = rng.uniform(0.0, 0.05, 100)  # ... category 1 hopeless: lowering it buys nothing
    th = allocate_thresholds(scores, y, target_fpr=0.01)
    benign = ~y.any(1)
    assert ((scores[benign] >= th).any(1)).sum() <= int(0.01 * benign.sum())
    assert th[0] < th[1]  # the budget went to the category that buys recall
    assert (scores[:100, 0] >= th[0]).mean() > 0.8
    # Prompts the rules already refuse are neither gains nor costs.
    already = np.zeros(n, dtype=bool)
    already[:100] = True
    th2 = allocate_thresholds(scores, y, target_fpr=0.01, already_flagged=already)
    assert th2[0] >= th[0]


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
