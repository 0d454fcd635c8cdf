"""Spaced repetition as plain Python: FSRS memory states, the exam-date planner, queues, statistics."""
