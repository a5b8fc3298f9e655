"""The exercises' solutions, one module per notebook, apart from the checks.

``linreg_helpers.exercises`` attaches each module's ``SOLUTIONS`` (exercise id -> solution) to its
exercise when it is imported. A learner build for graded work (``tools/make_assignments.py``) leaves
this folder out, so that neither its notebooks nor its package contain a solution.
"""
