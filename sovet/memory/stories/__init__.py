"""Family stories: sent from the public site without an account, confirmed by e-mail, decided by
the archive's moderators.

services  every change to a story (sending, confirming, changes, the moderators' decisions)
forms     the public forms, with their files checked before anything is stored
views     the public pages (the archive page's routes call them)
"""
