"""The study ledger: study events and the per-trainee aggregates HR reads.

Below every feature: the study packages announce what happened (``events``), HR reads the
aggregates (``models.TraineeStats``, ``models.TraineeDay``) and can rebuild them (``rebuild``).
No study package imports ``studyapp.hr``.
"""
