"""Chinese text analysis: a spaCy pipeline (blank ``zh`` + jieba + the project's rules).

``analysis`` holds the rules as plain functions; ``components`` registers them as a spaCy
component; ``pipeline`` builds and saves the pipeline; ``rasa_extractor`` exposes its entities
to the Rasa NLU pipeline.
"""
