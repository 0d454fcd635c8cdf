"""The study ledger: study events and the per-candidate aggregates HR reads.

Below every feature: the study packages announce what happened (``events``), HR reads the
aggregates (``models.CandidateStats``, ``models.CandidateDay``) and can rebuild them (``rebuild``).
No study package imports ``studyapp.hr``.
"""
