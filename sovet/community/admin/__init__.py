"""The community's staff screens in the Wagtail admin: projects and shifts (registries), a
shift's attendance, hours outside shifts, guardians' signed forms, the volunteers list; hooks.py
registers them, the menu group and the desk's lines."""
