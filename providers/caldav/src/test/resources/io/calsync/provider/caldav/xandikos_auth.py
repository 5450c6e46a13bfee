"""Xandikos with HTTP Basic authentication, for calsync's integration tests.

Does what `xandikos --defaults --current-user-principal /<user>/` does (backend, principal,
default calendar and address book) and adds one aiohttp middleware that compares the Basic
credentials in constant time. /health needs no auth. The user name comes from XANDIKOS_USER and
the password from XANDIKOS_PASSWORD (never the command line).

usage: python3 xandikos_auth.py DIR PORT
"""
import base64
import hmac
import logging
import os
import sys

from aiohttp import web
from xandikos.web import XandikosApp, XandikosBackend, WELLKNOWN_DAV_PATHS, RedirectDavHandler


def main():
    directory, port = sys.argv[1], int(sys.argv[2])
    user = os.environ["XANDIKOS_USER"]
    password = os.environ["XANDIKOS_PASSWORD"]
    expected = b"Basic " + base64.b64encode(f"{user}:{password}".encode())
    principal = f"/{user}/"

    logging.basicConfig(level=logging.WARNING)
    os.makedirs(directory, exist_ok=True)
    backend = XandikosBackend(directory)
    backend._mark_as_principal(principal)
    backend.create_principal(principal, create_defaults=True)
    app_dav = XandikosApp(backend, current_user_principal=principal, strict=True)

    @web.middleware
    async def basic_auth(request, handler):
        if request.path == "/health":
            return await handler(request)
        given = request.headers.get("Authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=401, text="authentication required",
                                headers={"WWW-Authenticate": 'Basic realm="xandikos"'})
        return await handler(request)

    async def dav(request):
        return await app_dav.aiohttp_handler(request, "/")

    app = web.Application(middlewares=[basic_auth], client_max_size=64 * 1024 * 1024)
    app.router.add_get("/health", lambda r: web.Response(text="ok"))
    for path in WELLKNOWN_DAV_PATHS:
        app.router.add_route("*", path, RedirectDavHandler("/").__call__)
    app.router.add_route("*", "/{path_info:.*}", dav)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


if __name__ == "__main__":
    main()
