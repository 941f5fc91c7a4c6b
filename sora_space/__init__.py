"""Sora Space: an open, safe, Sora-style video studio.

Contract: importing the package is cheap (no torch, no models). Entry points: `sora_space.pipeline.run_request`
(the request flow), `sora_space.stack.get_stages` (the real components), `sora_space.cli.main` (the CLI) and
`app.py` (the Gradio app).
"""
__version__ = "0.1.0"
