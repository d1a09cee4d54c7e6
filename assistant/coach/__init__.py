"""Training mode: the coach that scores a trainee's lines against the doctrine, and drills.

``rules`` holds the doctrine's rules as small functions over a spaCy Doc; ``coach`` scores a
line with them; ``drills`` loads the scenario library (``data/drills/``); ``drill`` runs a
drill; ``results`` stores and queries the results; ``cli`` is ``quanzu drill``.
"""
