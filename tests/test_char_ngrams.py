"""Layer 3's character n-gram channel: hashed features, the logistic fit, persistence and its place in the classifier."""
from __future__ import annotations

import numpy as np
import pytest

from safety.char_ngrams import CharChannel, CharNgrams, fit_logistic, idf_from
from safety.errors import SafetyLoadError
from safety.prompt_classifier import PromptClassifier

CATS = ("violence", "hate")
# A toy bilingual task: the words that matter are Polish/Dutch inflections MiniLM would cut into word pieces.
TEXTS = ["dużo krwi na ulicy", "krew leje się wszędzie", "krwawa jatka w piwnicy", "bloed overal op straat",
         "bloederige slachting", "ze zijn ratten die ons land overnemen", "to są szczury i robactwo",
         "ratten en kakkerlakken, die mensen", "zonnige dag op het strand", "kot śpi na kanapie",
         "wiosna w parku, dzieci na rowerach", "een kat op de bank", "pies biegnie po plaży",
         "regen op de gracht", "dziadek czyta gazetę"]
LABELS = np.array([[1, 0]] * 5 + [[0, 1]] * 3 + [[0, 0]] * 7, dtype=np.float32)


def test_features_are_stable_normalised_bags_of_in_word_ngrams():
    ngrams = CharNgrams(dim=1 << 12)
    x = ngrams.features(["Blut spritzt", "spritzt BLUT", "", "blut"])
    again = CharNgrams(dim=1 << 12).features(["Blut spritzt"])
    assert x.shape == (4, 1 << 12)
    assert (x[0] != again[0]).nnz == 0                    # crc32 hashing: the same in every process
    assert abs(x[0] - x[1]).sum() < 1e-6                  # word order and case do not matter: n-grams stay in words
    assert x[2].nnz == 0                                  # an empty prompt is an all-zero row, not a NaN
    norms = np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())
    np.testing.assert_allclose(norms[[0, 1, 3]], 1.0, rtol=1e-5)
    # " blut " has 5 + 4 + 3 + 2 = 14 n-grams of lengths 2..5 (fewer distinct buckets only by collision)
    assert 12 <= x[3].nnz <= 14


def test_idf_down_weights_ngrams_every_prompt_has():
    ngrams = CharNgrams(dim=1 << 12)
    tf = ngrams.term_frequencies(["the red ball", "the blue ball", "the cat"])
    idf = idf_from(tf)
    common = ngrams.term_frequencies(["the"]).indices
    rare = ngrams.term_frequencies(["cat"]).indices
    assert idf[common].max() < idf[rare].min()


def test_logistic_fit_learns_inflections_and_is_deterministic():
    ngrams = CharNgrams(dim=1 << 14)
    tf = ngrams.term_frequencies(TEXTS)
    fitted = CharNgrams(dim=1 << 14, idf=idf_from(tf))
    w1, b1 = fit_logistic(fitted.weigh(tf), LABELS, l2=1e-4)
    w2, b2 = fit_logistic(fitted.weigh(tf), LABELS, l2=1e-4)
    np.testing.assert_array_equal(w1, w2)
    np.testing.assert_array_equal(b1, b2)
    channel = CharChannel(fitted, w1, b1, np.array([0.5, 0.5], np.float32))
    probs = channel.proba(["krwawe ciało na ulicy", "słoneczny dzień, kot na kanapie", "die ratten nemen alles over"])
    assert probs[0, 0] > probs[1, 0] + 0.2             # an unseen inflection of krew/krwi reads as violence
    assert probs[2, 1] > probs[1, 1] + 0.2             # and "ratten" as hate
    assert ((channel.proba(TEXTS) > 0.5) == (LABELS > 0.5)).all()


def _classifier_with_char(scale: float) -> PromptClassifier:
    ngrams = CharNgrams(dim=1 << 12)
    tf = ngrams.term_frequencies(TEXTS)
    fitted = CharNgrams(dim=1 << 12, idf=idf_from(tf))
    w, b = fit_logistic(fitted.weigh(tf), LABELS, l2=1e-4)
    params = {"W1": np.zeros((4, 2), np.float32), "b1": np.full(2, scale, np.float32)}  # a constant channel
    return PromptClassifier(params, CATS, threshold=0.5, category_thresholds=np.array([0.5, 0.5]),
                            char=CharChannel(fitted, w, b, np.array([0.4, 0.6], np.float32)))


def test_either_channel_can_flag_and_the_channel_round_trips(tmp_path):
    model = _classifier_with_char(scale=-6.0)      # embedding channel says ~0.0025 for everything
    emb = np.zeros((3, 4), np.float32)
    texts = ["krew leje się wszędzie", "kot śpi na kanapie", ""]
    scores = model.text_flag_scores(emb, texts)
    alone = model.flag_scores(model.predict_proba(emb))
    assert scores[0, 0] >= 0.5 > alone[0, 0]       # the character channel flags what the embeddings miss
    assert scores[1].max() < 0.5 and scores[2].max() < 0.5
    assert (scores >= alone - 1e-7).all()          # it only ever adds evidence
    loud = _classifier_with_char(scale=6.0)
    assert (loud.text_flag_scores(emb, texts) >= 0.5).all()  # and the embedding channel still flags on its own
    loaded = PromptClassifier.load(model.save(tmp_path / "w.npz"))
    np.testing.assert_allclose(loaded.char.thresholds, [0.4, 0.6])
    np.testing.assert_allclose(loaded.text_flag_scores(emb, texts), scores, atol=2e-3)  # weights stored as fp16
    with pytest.raises(ValueError, match="2 texts for 3"):
        model.text_flag_scores(emb, texts[:2])


def test_a_malformed_character_channel_fails_closed(tmp_path):
    path = _classifier_with_char(scale=0.0).save(tmp_path / "w.npz")
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["char_thresholds"] = np.array([0.4, 1.5], np.float32)   # a threshold outside (0, 1)
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(SafetyLoadError):
        PromptClassifier.load(tmp_path / "bad.npz")
    arrays["char_thresholds"] = np.array([0.4, 0.6], np.float32)
    arrays["char_w"] = arrays["char_w"][:, :1]                      # weights for one category of two
    np.savez(tmp_path / "bad2.npz", **arrays)
    with pytest.raises(SafetyLoadError):
        PromptClassifier.load(tmp_path / "bad2.npz")
