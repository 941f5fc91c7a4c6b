"""The embedded CPU text-to-video model: procedural world, captions, codec, analyzer, recaptioner and training.

Contract: importing this package is cheap (no torch models load); see each module's docstring. Trained weights live in
`assets/embedded/` and are loaded by `sora_space.loading` (profile "embedded").
"""
