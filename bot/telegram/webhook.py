"""Webhook mode: nqbot's own web server for Telegram's updates, with a health check beside them.

python-telegram-bot's `run_webhook` serves the webhook path and nothing else, so `nqbot run --webhook`
serves it the way PTB's `customwebhookbot` example documents: a web server of our own (tornado, which
PTB's `webhooks` extra installs and PTB's own webhook server uses) puts each update on the
Application's `update_queue`, and the Application is initialized, started, stopped and shut down
around it, with the same hooks and stop signals as `run_webhook`.

Paths: `/<webhook path>` takes POSTs from Telegram (without the secret token header: 403);
`/healthz` answers GET/HEAD with the health report as JSON, status 200 when healthy, 503 when not.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import signal
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import tornado.httpserver
import tornado.web
from telegram import Update

from bot.config import WebhookSettings
from bot.health import HEALTH_PATH, Health, check_live, health_json
from bot.live import LiveIndex

if TYPE_CHECKING:
    from bot.telegram.app import BotApp

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024  # an update is a few kilobytes; refuse anything near tornado's 100 MB default
MAX_CONNECTIONS = 40  # setWebhook's max_connections, as run_webhook sets it
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)  # the ones run_webhook stops on


class TelegramUpdates(tornado.web.RequestHandler):
    """Telegram's POSTs: checked for the secret token, then queued for the Application."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, app: BotApp, secret: str) -> None:
        self.app = app
        self.secret = secret.encode()

    async def post(self) -> None:
        token = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(token, self.secret):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # whatever was posted, it is not an update: say so, keep serving
            log.warning("refused a webhook request that is not an update: %s", type(exc).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        self.app.bot.insert_callback_data(update)  # as PTB's own webhook handler does
        await self.app.update_queue.put(update)


class HealthCheck(tornado.web.RequestHandler):
    """GET/HEAD: the bot's health as JSON; 200 when healthy, 503 when not (for uptime checks)."""

    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, live: LiveIndex) -> None:
        self.live = live

    async def _report(self) -> dict[str, Any]:
        try:
            health: Health = await asyncio.to_thread(check_live, self.live)  # reads the corpus
        except Exception as exc:  # a check that cannot be made is itself unhealthy
            log.exception("the health check failed")
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)
            return {"ok": False, "problems": [f"the health check failed: {type(exc).__name__}"]}
        self.set_status(HTTPStatus.OK if health.ok else HTTPStatus.SERVICE_UNAVAILABLE)
        return health_json(health)

    async def get(self) -> None:
        report = await self._report()
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(report, ensure_ascii=False))

    async def head(self) -> None:
        await self._report()


class _WebApp(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Requests are not logged (PTB's webhook server does not log them either); failures are."""


def web_app(app: BotApp, live: LiveIndex, url_path: str, secret: str) -> tornado.web.Application:
    """The routes: the webhook path first, so that a webhook configured at /healthz still gets its updates."""
    webhook = rf"/{re.escape(url_path)}/?" if url_path else r"/"
    return _WebApp([
        (webhook, TelegramUpdates, {"app": app, "secret": secret}),
        (rf"/{HEALTH_PATH}", HealthCheck, {"live": live}),
    ])


def listen(routes: tornado.web.Application, hook: WebhookSettings) -> tornado.httpserver.HTTPServer:
    """Start serving on the configured address; OSError when it cannot (port taken, address unknown)."""
    server = tornado.httpserver.HTTPServer(routes, max_body_size=MAX_UPDATE_BYTES)
    server.listen(hook.port, address=hook.listen)
    return server


def serve_webhook(app: BotApp, hook: WebhookSettings, url: str, secret: str, allowed: tuple[str, ...]) -> None:
    """Run the bot in webhook mode until a stop signal (blocking, like `run_webhook`)."""
    asyncio.run(_serve(app, hook, url, secret, allowed))


async def _serve(app: BotApp, hook: WebhookSettings, url: str, secret: str, allowed: tuple[str, ...]) -> None:
    stop = _stop_on_signals()
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        server = listen(web_app(app, app.bot_data.live, hook.url_path, secret), hook)
        try:
            await app.bot.set_webhook(url, allowed_updates=list(allowed), secret_token=secret,
                                      max_connections=MAX_CONNECTIONS)
            await app.start()
            log.info("serving the webhook on %s:%s (health: /%s)", hook.listen, hook.port, HEALTH_PATH)
            await stop.wait()
        finally:
            server.stop()
            await server.close_all_connections()
            if app.running:
                await app.stop()
                if app.post_stop is not None:
                    await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


def _stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT, SIGTERM or SIGABRT (PTB's own stop signals)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    return stop
