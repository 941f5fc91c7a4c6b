"""Safety components for Sora Space: prompt and frame moderation, watermarking, detection, provenance.

Contract: this package never imports `sora_space`; components return the verdict types in `safety.types` and
raise `safety.errors.SafetyLoadError` only when they cannot run. Nothing heavy is imported here.
"""
