class AdminInlineScripts:
    """Allow inline scripts in the staff admin only.

    The public site runs no inline script, so its Content-Security-Policy forbids them, which
    stops any injected markup from running. Wagtail's admin writes a few (inline panels, date
    pickers), so /admin/ responses relax that one directive.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
