"""Serving a bulletin's file: the right content type, a download name, and a locked-down HTML page."""

from __future__ import annotations

from django.http import HttpResponse

from planwatch_web.public.models import BulletinFile

# The HTML bulletin is one self-contained page (inline CSS, fonts and charts as data: URIs, no
# script). It is served in a sandbox that runs nothing and fetches nothing from anywhere.
HTML_CSP = (
    "sandbox; default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# In the preview frame: no frame-ancestors (a sandboxed page has an opaque origin, so 'self' would
# match nothing and Chromium would show an empty frame); X-Frame-Options: SAMEORIGIN guards it instead.
HTML_CSP_FRAMED = HTML_CSP.replace("; frame-ancestors 'none'", "")
INLINE_FORMATS = ("html", "pdf")  # opened in the browser; others (docx) download


def file_response(file: BulletinFile, *, framed: bool = False) -> HttpResponse:
    response = HttpResponse(bytes(file.content), content_type=file.content_type)
    disposition = "inline" if file.format in INLINE_FORMATS else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file.filename}"'
    response["Content-Length"] = str(file.size)
    response["X-Content-Type-Options"] = "nosniff"
    if file.format == "html":
        response["Content-Security-Policy"] = HTML_CSP_FRAMED if framed else HTML_CSP
    return response
