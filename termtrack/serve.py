"""A local web page over the database: step timelines, their evidence, upgrades, search.

Standard library only (``http.server``): the page is for one researcher on their own machine, so
it binds 127.0.0.1, serves GET requests, and needs no framework.  The page itself (termtrack/web)
is plain HTML, CSS and JavaScript with the timeline drawn as inline SVG: it works offline, with
no CDN.  Every API answer is built by the library functions the CLI uses (termtrack.timeline,
termtrack.export), so the page and ``termtrack history`` cannot disagree.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import date
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select
from sqlalchemy.engine import Engine

from termtrack.export import change_records, count_mentions, mention_records, timeline_records
from termtrack.lexicon import Lexicon
from termtrack.store import MentionRow, StatementRow, session
from termtrack.timeline import MentionFact, asof, history, partners, upgrades

HOST = "127.0.0.1"
STATIC = {"/": ("index.html", "text/html; charset=utf-8"), "/app.js": ("app.js", "text/javascript; charset=utf-8"),
          "/style.css": ("style.css", "text/css; charset=utf-8")}
SEARCH_LIMIT = 200
EVIDENCE = 20  # sentences per label on the page: the cached timelines keep 20, so no rebuild from mentions


class NotFound(Exception):
    pass


class BadRequest(Exception):
    pass


class Api:
    """The JSON answers, one method per route; plain data in, plain data out (testable without HTTP)."""

    def __init__(self, engine: Engine, lex: Lexicon) -> None:
        self.engine = engine
        self.lex = lex

    def _name(self, code: str | None) -> dict:
        a = self.lex.actor(code) if code else None
        return {"code": code, "name": a.en_names[0] if a else code, "name_zh": a.zh_names[0] if a and a.zh_names else ""}

    def _ranking(self, q: dict) -> str:
        r = q.get("ranking") or self.lex.default_ranking
        if r not in self.lex.rankings:
            raise BadRequest(f"unknown ranking {r!r} (known: {', '.join(self.lex.rankings)})")
        return r

    @staticmethod
    def _reviewed(q: dict) -> bool:
        """``reviewed=1``: timelines and the mention search from the mentions a reviewer accepted or
        corrected, corrections applied (timelines apply rejections and corrections always)."""
        return q.get("reviewed", "") in ("1", "true", "yes", "on")

    def partners(self, q: dict) -> dict:
        ranking = self._ranking(q)
        now = dict(asof(self.engine, date.today(), lex=self.lex, ranking=ranking, reviewed=self._reviewed(q)))
        rows = []
        for code in partners(self.engine):
            p = now.get(code)
            rows.append({**self._name(code), "label": p.label if p else None, "since": p.start.iso() if p else None})
        rows.sort(key=lambda r: (r["name"] or "").casefold())
        return {"partners": rows, "rankings": list(self.lex.rankings), "default_ranking": self.lex.default_ranking}

    def history(self, q: dict) -> dict:
        try:
            code = self.lex.partner_code(q.get("partner") or "")
        except LookupError as exc:
            raise NotFound(str(exc)) from None  # (China itself too: it is one side of every pair)
        ranking = self._ranking(q)
        tl = history(self.engine, code, lex=self.lex, ranking=ranking, reviewed=self._reviewed(q), evidence=EVIDENCE)
        rows = timeline_records(tl, lex=self.lex)
        for row, p in zip(rows, tl.periods, strict=True):
            row["label_en"] = self.lex.label_en(p.label_zh, p.label)
            row["evidence"] = [_point(m) for m in p.evidence]
        return {**self._name(code), "ranking": tl.ranking, "reviewed": self._reviewed(q), "periods": rows,
                "relapses": [{**_point(m), "kind": tl.variant_kind(m)} for m in tl.relapses],
                "overlays": [{"label": o.label, "start": o.start.iso(), "statements": o.statements,
                              "evidence": [_point(m) for m in o.evidence[:20]]} for o in tl.overlays]}

    def upgrades(self, q: dict) -> dict:
        ranking = self._ranking(q)
        changes = upgrades(self.engine, lex=self.lex, ranking=ranking, reviewed=self._reviewed(q))
        rows = change_records(changes, lex=self.lex, ranking=ranking, reviewed=self._reviewed(q))
        for r in rows:
            r["partner_name"] = self._name(r["partner"])["name"]
        return {"ranking": ranking, "changes": rows}

    def mentions(self, q: dict) -> dict:
        text = (q.get("q") or "").strip()
        code = self.lex.resolve_actor(q["partner"]) if q.get("partner") else None
        try:
            limit = min(int(q.get("limit") or SEARCH_LIMIT), 1000)
        except ValueError:
            raise BadRequest("limit must be a number") from None
        reviewed = self._reviewed(q)  # accepted and corrected mentions only, corrections applied
        rows = mention_records(self.engine, lex=self.lex, partner=code, search=text or None, limit=limit,
                               reviewed=reviewed)
        total = count_mentions(self.engine, partner=code, search=text or None, reviewed=reviewed, lex=self.lex) \
            if len(rows) == limit else len(rows)
        keep = ("statement_id", "date", "lang", "start", "end", "surface", "sentence", "label_zh", "partner", "party",
                "event", "ref_date", "title", "review", "reviewer")
        return {"total": total, "reviewed": reviewed, "mentions": [{k: r[k] for k in keep} for r in rows]}

    def statement(self, q: dict) -> dict:
        sid = q.get("id") or ""
        with session(self.engine) as s:
            st = s.scalars(select(StatementRow).where(StatementRow.external_id == sid)).first()
            if st is None:
                raise NotFound(f"no statement {sid!r}")
            ms = s.scalars(select(MentionRow).where(MentionRow.statement_pk == st.id).order_by(MentionRow.start_char)).all()
            return {"id": st.external_id, "date": st.partial_date().iso(), "lang": st.lang, "title": st.title,
                    "source": st.source, "url": st.url, "speaker": st.speaker, "text": st.text,
                    "mentions": [{"start": m.start_char, "end": m.end_char, "label_zh": m.label_zh, "partner": m.partner,
                                  "event": m.event} for m in ms]}


def _point(m: MentionFact) -> dict:
    return {"statement_id": m.statement_id, "date": m.statement_date.iso(), "effective": m.effective.iso(),
            "label": m.label_key, "event": m.event, "lang": m.lang, "sentence": m.sentence, "surface": m.surface,
            "start": m.start, "end": m.end, "ref_date": m.ref_date.iso() if m.ref_date else None}


ROUTES: dict[str, Callable[[Api, dict], dict]] = {
    "/api/partners": Api.partners, "/api/history": Api.history, "/api/upgrades": Api.upgrades,
    "/api/mentions": Api.mentions, "/api/statement": Api.statement,
}


def _static(name: str) -> bytes:
    return resources.files("termtrack").joinpath("web", name).read_bytes()


class Handler(BaseHTTPRequestHandler):
    api: Api  # set on the subclass made per server
    server_version = "termtrack"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the CLI prints where it serves, not every request

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: dict) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"), "application/json; charset=utf-8")

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        if url.path in STATIC:
            name, ctype = STATIC[url.path]
            self._send(HTTPStatus.OK, _static(name), ctype)
            return
        route = ROUTES.get(url.path)
        if route is None:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page {url.path}"})
            return
        q = {k: v[-1] for k, v in parse_qs(url.query).items()}
        try:
            self._json(HTTPStatus.OK, route(self.api, q))
        except NotFound as exc:
            self._json(HTTPStatus.NOT_FOUND, {"error": str(exc)})
        except BadRequest as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
        except Exception as exc:  # the page shows it; the server keeps serving
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"{exc.__class__.__name__}: {exc}"})


def make_server(engine: Engine, *, lex: Lexicon, port: int = 8765) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1 (port 0: any free port); call serve_forever() or use serve()."""
    handler = type("BoundHandler", (Handler,), {"api": Api(engine, lex)})
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


def serve(engine: Engine, *, lex: Lexicon, port: int = 8765, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted."""
    try:
        server = make_server(engine, lex=lex, port=port)
    except OSError as exc:
        from termtrack.errors import TermtrackError

        raise TermtrackError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    url = f"http://{HOST}:{server.server_address[1]}/"
    if ready:
        ready(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def start_in_thread(engine: Engine, *, lex: Lexicon, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """A server running in a daemon thread (tests, notebooks); stop it with server.shutdown()."""
    server = make_server(engine, lex=lex, port=port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{HOST}:{server.server_address[1]}/"
