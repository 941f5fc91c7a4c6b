"""The error hierarchy every layer raises and only the UI/CLI layer translates.

Contract: each error carries `user_message`, a plain sentence safe to show a member of the public (never a prompt
echo, never a stack trace). `InvalidRequest` names the argument and its value. The CLI maps classes to exit codes
(`EXIT_CODES`); the Gradio layer maps them to `gr.Error`.
"""
from __future__ import annotations


class SoraSpaceError(Exception):
    """Base class: something the user should be told about in plain words."""

    exit_code = 1

    def __init__(self, user_message: str):
        super().__init__(user_message)
        self.user_message = user_message


class InvalidRequest(SoraSpaceError):
    """An argument is missing, malformed or out of range."""

    exit_code = 2

    def __init__(self, argument: str, value: object, problem: str):
        shown = repr(value)
        if len(shown) > 80:  # never echo a huge value back; its size is what matters
            shown = f"{shown[:40]}... ({len(str(value))} characters)"
        super().__init__(f"Invalid `{argument}` = {shown}: {problem}")
        self.argument = argument
        self.value = value


class PromptRejected(SoraSpaceError):
    """The prompt (or the recaptioned prompt) was refused by moderation."""

    exit_code = 3

    def __init__(self, categories: tuple[str, ...], reason: str, stage: str = "prompt", hint: str = ""):
        super().__init__(
            f"This request can't be generated: it was flagged for {reason}. "
            + (hint or "Please rephrase your prompt without that content.")
        )
        self.categories = tuple(categories)
        self.stage = stage


class FramesRejected(SoraSpaceError):
    """Frame moderation refused a generated or uploaded video."""

    exit_code = 3

    def __init__(self, categories: tuple[str, ...], reason: str, what: str = "generated video"):
        super().__init__(
            f"The {what} was withheld: frame checks flagged it for {reason}. Try a different prompt or video."
        )
        self.categories = tuple(categories)


class SafetyUnavailable(SoraSpaceError):
    """A safety component that must run could not run: fail closed, no video leaves the app."""

    exit_code = 4

    def __init__(self, component: str, detail: str = ""):
        super().__init__(
            f"The safety check '{component}' is unavailable right now, so no video can be produced. "
            "Please try again later."
        )
        self.component = component
        self.detail = detail  # for logs only


class GenerationFailed(SoraSpaceError):
    """The model, encoder or watermark verification failed in a way the user cannot fix."""

    exit_code = 5


class Cancelled(SoraSpaceError):
    """The user cancelled the request while it ran."""

    exit_code = 6

    def __init__(self):
        super().__init__("The generation was cancelled.")


EXIT_CODES = {cls.__name__: cls.exit_code for cls in
              (InvalidRequest, PromptRejected, FramesRejected, SafetyUnavailable, GenerationFailed, Cancelled)}
