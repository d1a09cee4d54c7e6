"""Who is speaking: the short-lived signed chat tokens shared by the panel, the channels and the actions."""
