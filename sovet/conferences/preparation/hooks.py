"""The preparation's hooks (loaded by the app's wagtail_hooks)."""
