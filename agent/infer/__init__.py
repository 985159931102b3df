"""Inference: what a job-search email means (label, company, stage, timeline, contact).

Pure functions, no network, no clock reads. Entry point: `classify(msg) -> Verdict`.
"""

from agent.infer.classify import classify

__all__ = ["classify"]
