"""Voice-brandname branding for Kamailio (app_python3): asks the lookup about each new INVITE.

Configuration comes from an INI file (path in VBR_KAMAILIO_INI, default vbr.ini next to this file):

    [lookup]
    url = http://127.0.0.1:3001      ; the lookup API
    api_key = vbr_...                ; this carrier's key (X-Api-Key)
    budget_ms = 150                  ; slower than this, or failing: the call goes on unbranded (fail open)
    [peers]
    127.0.0.1 = VIETTEL              ; source address -> origin carrier code (unknown: no origin sent)

The routing script strips branding headers the caller sent before calling brand_invite(), which sets
$var(vbr_verdict) to brand, none, block or error; the script declines `block` with 603.

Screening: a call the lookup does not brand (`none`) whose From or P-Asserted-Identity display name claims a
protected state name ("CONG AN", "Cảnh sát", ...) is asked about (POST /v1/screen); on `impersonation` the display
names are removed and `X-VBR-Warning: impersonation` is added. A failing or slow screening leaves the call as it came.
"""

import base64
import configparser
import http.client
import json
import os
import time
import urllib.parse

import KSR  # provided by app_python3

NAME_HEADER = "X-VBR-Name"
WARNING_HEADER = "X-VBR-Warning"


def _quote(text):
    """A SIP quoted-string: backslash and double quote escaped, line breaks dropped (no header injection)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ") + '"'


def _clean(text):
    return text.replace("\r", " ").replace("\n", " ")


def _display(raw):
    """A display name as written in a header ("Cong an" or Cong an), unquoted; "" when there is none."""
    text = (raw or "").strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text.strip()


class VbrBranding:
    def __init__(self):
        path = os.environ.get("VBR_KAMAILIO_INI") or os.path.join(os.path.dirname(__file__), "vbr.ini")
        ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
        ini.optionxform = str  # peer addresses and codes as written
        if not ini.read(path):
            raise RuntimeError("vbr_branding: cannot read " + path)
        url = urllib.parse.urlsplit(ini.get("lookup", "url"))
        self.host = url.hostname
        self.port = url.port or (443 if url.scheme == "https" else 80)
        self.https = url.scheme == "https"
        self.key = ini.get("lookup", "api_key")
        self.budget = ini.getint("lookup", "budget_ms", fallback=150) / 1000.0
        self.peers = dict(ini.items("peers")) if ini.has_section("peers") else {}
        self.conn = None  # one keep-alive connection per Kamailio worker process

    def child_init(self, rank):
        return 0

    def _get(self, path):
        return self._request("GET", path, None)

    def _request(self, method, path, body):
        headers = {"X-Api-Key": self.key}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            if self.conn is None:
                cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
                self.conn = cls(self.host, self.port, timeout=self.budget)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                res = self.conn.getresponse()
                return res.status, res.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                # A kept connection the lookup closed fails at once: retry once on a new one, within the budget.
                if attempt == 1:
                    raise

    def brand_invite(self, msg):
        # The asserted identity when the peer sent one, else From (gete: the value, or "" when unset).
        number = KSR.pv.gete("$(ai{uri.user})") or KSR.pv.gete("$fU")
        KSR.pv.sets("$var(vbr_verdict)", "error")
        if not number:
            return 1
        origin = self.peers.get(KSR.pv.gete("$si") or "")
        path = "/v1/lookup/" + urllib.parse.quote(number, safe="")
        if origin:
            path += "?origin=" + urllib.parse.quote(origin, safe="")
        started = time.monotonic()
        try:
            status, body = self._get(path)
            elapsed = time.monotonic() - started
            if elapsed > self.budget:
                KSR.warn("vbr: lookup of %s took %d ms (budget %d): unbranded\n" % (number, elapsed * 1000, self.budget * 1000))
                return 1
            if status != 200:
                KSR.warn("vbr: lookup of %s answered %d: unbranded\n" % (number, status))
                return 1
            answer = json.loads(body)
        except Exception as err:  # fail open: any failure leaves the call as it came
            KSR.warn("vbr: lookup of %s failed (%s): unbranded\n" % (number, err))
            return 1
        verdict = answer.get("verdict")
        KSR.pv.sets("$var(vbr_verdict)", verdict if verdict in ("brand", "none", "block") else "error")
        if verdict == "brand" and answer.get("display"):
            self._brand(answer["display"], answer.get("organization") or {})
        elif verdict == "none":
            self._screen(number)
        return 1

    def _screen(self, number):
        """An unbranded call's display names: removed, with a warning, when they claim a protected state name."""
        names = [n for n in (_display(KSR.pv.gete("$fn")), _display(KSR.pv.gete("$(hdr(P-Asserted-Identity){nameaddr.name})"))) if n]
        impersonating = False
        for name in dict.fromkeys(names):  # each distinct name once, in order
            body = json.dumps({"displayName": name[:128], "number": number}).encode("utf-8")
            started = time.monotonic()
            try:
                status, raw = self._request("POST", "/v1/screen", body)
                if time.monotonic() - started > self.budget or status != 200:
                    KSR.warn("vbr: screening of %s answered %d or over budget: name left\n" % (number, status))
                    return
                if json.loads(raw).get("verdict") == "impersonation":
                    impersonating = True
                    break
            except Exception as err:  # fail open: the name stays as it came
                KSR.warn("vbr: screening of %s failed (%s): name left\n" % (number, err))
                return
        if not impersonating:
            return
        KSR.info("vbr: %s presented a protected state name: display names removed\n" % number)
        KSR.uac.uac_replace_from("", "")
        pai = KSR.pv.gete("$ai")
        if pai:
            KSR.hdr.remove("P-Asserted-Identity")
            KSR.hdr.append("P-Asserted-Identity: <%s>\r\n" % _clean(pai))
        KSR.hdr.append("%s: impersonation\r\n" % WARNING_HEADER)

    def _brand(self, display, organization):
        label = display.get("label") or ""
        name = display.get("name") or label
        # From and P-Asserted-Identity show the ASCII label (what every handset can render).
        KSR.uac.uac_replace_from(_quote(label), "")
        pai = KSR.pv.gete("$ai")
        if pai:
            KSR.hdr.remove("P-Asserted-Identity")
            KSR.hdr.append("P-Asserted-Identity: %s <%s>\r\n" % (_quote(label), _clean(pai)))
        # The UTF-8 name, for handsets and apps that render it (documented in the README).
        KSR.hdr.append("%s: %s\r\n" % (NAME_HEADER, _clean(name)))
        # RFC 9796 Rich Call Data: a jCard by value, with the call reason when the registry has one.
        card = ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", name]]]
        if organization.get("name"):
            card[1].append(["org", {}, "text", organization["name"]])
        uri = "data:application/json;base64," + base64.b64encode(json.dumps(card, ensure_ascii=False).encode("utf-8")).decode("ascii")
        info = "<%s>;purpose=jcard" % uri
        if display.get("callReason"):
            info += ";call-reason=" + _quote(display["callReason"])
        KSR.hdr.append("Call-Info: %s\r\n" % info)


def mod_init():
    return VbrBranding()
