"""The Gradio layer (the only code besides app.py that imports gradio): tabs, handlers, error translation."""
