"""Analysis of Competing Hypotheses (Heuer, *Psychology of Intelligence Analysis*, ch. 8):
claims rated against hypotheses, scored by the evidence against each.

- ``matrix``: the scoring rule on plain inputs (inconsistency, diagnosticity, sensitivity);
- ``case``: hypotheses and ratings in the database, weighted by the claims' scores;
``hypotheses.yaml`` is read and written by ``tracker.importers.hypotheses``.
"""
