"""Seeded generators of tricky inputs: near-UUIDs, near-URLs, near-strings and odd bodies.

Every generator takes a ``random.Random`` and answers ``(mutation kind, value)``. The kinds name
what was done to a valid value, so a disagreement can be traced to the rule it breaks. Values are
what a JSON body can carry: strings (with any code point, lone surrogates included), numbers that
JSON and JavaScript read alike, booleans, null, arrays and objects.
"""

import random
import string
from collections.abc import Callable

Mutation = tuple[str, object]

HEX = "0123456789abcdef"

# Code points that look like digits, letters or spaces to a person but are none of those to a parser.
UNICODE_DIGITS = "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"
UNICODE_LETTERS = "ａｂｃｄｅｆＡＢＣＤＥＦéÉßıİſΚkÅ"
UNICODE_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u2028\u2029\u0085"
ASCII_WHITESPACE = " \t\n\r\x0b\x0c"
CONTROLS = "".join(chr(c) for c in range(0x00, 0x20)) + "\x7f"
ODD = "-_{}[]():;,.!?@#$%^&*+=~`'\"<>|/\\ "
EMOJI = "😀🎉👩‍💻🇩🇪"
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]


def odd_char(rng: random.Random) -> str:
    """One character a validator may trip on."""
    pool = rng.choice(
        [HEX, "ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ", UNICODE_DIGITS, UNICODE_LETTERS,
         UNICODE_SPACES, ASCII_WHITESPACE, CONTROLS, ODD, EMOJI]
    )
    return rng.choice(pool)


def random_text(rng: random.Random, max_length: int = 40) -> str:
    alphabet = string.ascii_letters + string.digits + ODD + UNICODE_LETTERS + UNICODE_DIGITS
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, max_length)))


def non_strings(rng: random.Random, valid: str) -> list[object]:
    """Values of every JSON type but string (integers stay exact in JavaScript)."""
    return [
        rng.randint(-(2**53) + 1, 2**53 - 1), 0, 1, -1, 1.5, -0.25, 1e21, True, False, None,
        [], [valid], {}, {"value": valid}, [None], {"": ""},
    ]


# -----------------------------------------------------------------------------
# UUIDs
# -----------------------------------------------------------------------------


def random_uuid4(rng: random.Random) -> str:
    digits = [rng.choice(HEX) for _ in range(32)]
    digits[12] = "4"
    digits[16] = rng.choice("89ab")
    h = "".join(digits)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _hex32(uuid: str) -> str:
    return uuid.replace("-", "")


def _hyphenate(h: str) -> str:
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _set_nibble(uuid: str, index: int, nibble: str) -> str:
    h = _hex32(uuid)
    return _hyphenate(h[:index] + nibble + h[index + 1 :])


def _random_case(rng: random.Random, s: str) -> str:
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in s)


def _insert(rng: random.Random, s: str, piece: str) -> str:
    at = rng.randint(0, len(s))
    return s[:at] + piece + s[at:]


def _replace(rng: random.Random, s: str, piece: str) -> str:
    if s == "":
        return piece
    at = rng.randrange(len(s))
    return s[:at] + piece + s[at + 1 :]


def _delete(rng: random.Random, s: str) -> str:
    if s == "":
        return s
    at = rng.randrange(len(s))
    return s[:at] + s[at + 1 :]


def _forms(rng: random.Random, uuid: str) -> list[str]:
    h = _hex32(uuid)
    return [
        h, h.upper(), "{" + uuid + "}", "{" + uuid.upper() + "}", "urn:uuid:" + uuid,
        "urn:uuid:" + uuid.upper(), "URN:UUID:" + uuid, "Urn:Uuid:" + uuid, "urn:uuid:" + h,
        "{" + h + "}", "urn:uuid:{" + uuid + "}", "{urn:uuid:" + uuid + "}", "uuid:" + uuid,
        "urn:" + uuid, "{" + uuid, uuid + "}", "(" + uuid + ")", "[" + uuid + "]", "<" + uuid + ">",
        "{{" + uuid + "}}", "urn:uuid:" + uuid + "}", "urn:uuid: " + uuid, " {" + uuid + "}",
        "0x" + h, h[:16] + "-" + h[16:], _random_case(rng, "urn:uuid:") + uuid,
    ]


def _hyphen_mutations(rng: random.Random, uuid: str) -> list[str]:
    h = _hex32(uuid)
    positions = sorted(rng.sample(range(1, 32), 4))
    moved = "".join(h[i] + ("-" if i + 1 in positions else "") for i in range(32))
    return [
        uuid.replace("-", "", 1),
        uuid[::-1].replace("-", "", 1)[::-1],
        uuid.replace("-", "--", 1),
        uuid + "-",
        "-" + uuid,
        moved,
        uuid.replace("-", "_"),
        uuid.replace("-", " "),
        uuid.replace("-", "\u2010"),  # a Unicode hyphen
        uuid.replace("-", "\u2212"),  # a minus sign
        _insert(rng, uuid, "-"),
        h[:8] + "-" + h[8:],
        "-".join([h[:8], h[8:12], h[12:16], h[16:20], h[20:26], h[26:]]),
        "-".join(h[i : i + 4] for i in range(0, 32, 4)),
    ]


def uuid_mutation(rng: random.Random) -> Mutation:
    uuid = random_uuid4(rng)
    kind = rng.choice(
        ["valid", "case", "form", "version", "variant", "version+variant", "truncate", "extend",
         "insert", "delete", "replace", "hyphens", "unicode-digit", "unicode-space", "whitespace",
         "control", "nul", "surrogate", "type", "special", "random", "length", "emoji"]
    )
    if kind == "valid":
        return kind, uuid
    if kind == "case":
        return kind, rng.choice([uuid.upper(), _random_case(rng, uuid), uuid.title()])
    if kind == "form":
        return kind, rng.choice(_forms(rng, uuid))
    if kind == "version":
        return kind, _set_nibble(uuid, 12, rng.choice(HEX + "ABCDEF"))
    if kind == "variant":
        return kind, _set_nibble(uuid, 16, rng.choice(HEX + "ABCDEF"))
    if kind == "version+variant":
        return kind, _set_nibble(_set_nibble(uuid, 12, rng.choice(HEX)), 16, rng.choice(HEX))
    if kind == "truncate":
        cut = rng.randint(0, len(uuid) - 1)
        return kind, uuid[:cut] if rng.random() < 0.7 else uuid[len(uuid) - cut :]
    if kind == "extend":
        return kind, uuid + "".join(rng.choice(HEX) for _ in range(rng.randint(1, 4)))
    if kind == "insert":
        return kind, _insert(rng, uuid, odd_char(rng))
    if kind == "delete":
        return kind, _delete(rng, uuid)
    if kind == "replace":
        return kind, _replace(rng, uuid, odd_char(rng))
    if kind == "hyphens":
        return kind, rng.choice(_hyphen_mutations(rng, uuid))
    if kind == "unicode-digit":
        digits = [i for i, c in enumerate(uuid) if c.isdigit()] or [0]
        at = rng.choice(digits)
        return kind, uuid[:at] + rng.choice(UNICODE_DIGITS) + uuid[at + 1 :]
    if kind == "unicode-space":
        space = rng.choice(UNICODE_SPACES)
        return kind, rng.choice([space + uuid, uuid + space, _insert(rng, uuid, space)])
    if kind == "whitespace":
        space = rng.choice([" ", "\t", "\n", "\r\n", "  ", " \t "])
        return kind, rng.choice([space + uuid, uuid + space, space + uuid + space, _insert(rng, uuid, space)])
    if kind == "control":
        return kind, _insert(rng, uuid, rng.choice(CONTROLS))
    if kind == "nul":
        return kind, rng.choice([uuid + "\x00", "\x00" + uuid, _insert(rng, uuid, "\x00"), _replace(rng, uuid, "\x00")])
    if kind == "surrogate":
        return kind, rng.choice([_insert(rng, uuid, rng.choice(SURROGATES)), _replace(rng, uuid, rng.choice(SURROGATES))])
    if kind == "type":
        return kind, rng.choice(non_strings(rng, uuid))
    if kind == "special":
        return kind, rng.choice(
            ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
             "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "00000000-0000-4000-8000-000000000000",
             "00000000000040008000000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff", "", " ", "-",
             "----", "{}", "urn:uuid:", "{urn:uuid:}", "null", "undefined", "true", "0"]
        )
    if kind == "length":
        # the lengths the parser switches on (32, 36, 38, 45) with the wrong content
        n = rng.choice([31, 32, 33, 35, 36, 37, 38, 39, 44, 45, 46])
        text = "".join(rng.choice(HEX + "-{}:urnid") for _ in range(n))
        return kind, text
    if kind == "emoji":
        return kind, _replace(rng, uuid, rng.choice(EMOJI))
    return "random", random_text(rng, 50)


# -----------------------------------------------------------------------------
# URLs
# -----------------------------------------------------------------------------

WORDS = ["example", "acme", "shop", "app", "portal", "billing", "my-site", "a", "x1", "test"]
TLDS = ["com", "io", "dev", "co.uk", "example", "test", "localhost"]
IDN_HOSTS = ["bücher.example", "münchen.de", "例え.テスト", "пример.рф", "xn--bcher-kva.example",
             "BÜCHER.example", "straße.de", "faß.de", "ⓐⓑⓒ.com", "ｅｘａｍｐｌｅ.com", "example。com",
             "δοκιμή.gr", "日本語.jp", "café.fr", "ß.example", "☃.net", "xn--n3h.net"]
IPV4_HOSTS = ["127.0.0.1", "10.0.0.1", "192.168.1.10", "8.8.8.8", "0.0.0.0", "255.255.255.255", "127.1",
              "0x7f.0.0.1", "0177.0.0.1", "4294967295", "1.2.3"]
IPV6_HOSTS = ["[::1]", "[2001:db8::1]", "[::ffff:192.0.2.1]", "[fe80::1]", "[0:0:0:0:0:0:0:1]", "[2001:DB8::A]"]
BAD_HOSTS = ["", " ", "exa mple.com", "exa<mple.com", "a^b.com", "a|b.com", "xn--", "xn--a", "xn--zz-",
             "-a.com", "a-.com", "a..com", ".com", "a" * 64 + ".com", ("abcdefghij." * 26)[:-1], "%zz", "%41.com",
             "ex%20ample.com", "256.0.0.1", "1.2.3.4.5", "1.2.3.04", "4294967296", "0x100000000", "[::1",
             "::1]", "[g::1]", "[1:2:3:4:5:6:7:8:9]", "[fe80::1%25eth0]", "[::1]x", "😀.com", "a_b.com",
             "ex\u00adample.com", "ex\u200bample.com", "a\u0000b.com", "a\tb.com", "[::1]:x", "a@b", "#", "?"]
def _punycode_label(text: str) -> str:
    return "xn--" + text.encode("punycode").decode("ascii")


# Hosts IDNA's validity rules decide: bidi labels, joiners, marks, xn-- labels that decode to
# something invalid, percent-encoded UTF-8, characters UTS 46 maps or ignores, and the few CJK
# compatibility ideographs ICU4X maps where the 15.1 table disallows them.
IDNA_EDGE_HOSTS = [
    "א.com", "1א.com", "a.א", "אa.com", "مثال.com", "مثال1.com", "١٢٣.com", "a١.com", "א١.com", "א1.com",
    "a\u200cb.com", "\u0915\u094d\u200d\u0937.com", "\u200d.com", "\u0628\u200c\u0628.com", "a\u200db.com",
    _punycode_label("\u0301a") + ".com", _punycode_label("Ab\u00fc") + ".com", _punycode_label("e\u0301x") + ".com",
    _punycode_label("\u00e9x") + ".com", _punycode_label("a\u200cb") + ".com", "xn--ls8h.la", "xn--a.com",
    "%C3%BC.com", "%ff.com", "%41%42.com", "%E2%80%8B.com", "%00.com",
    "\U0002F868.com", "\U0002F874.com", "\U0002F91F.com",
    "\u2488.com", "ｘｎ--bcher-kva.example", "\u00adex.com", "ex\u00ad.com", "Ⅻ.com", "ß.com", "ς.gr", "\u3002.com",
    "a\u0301.com", "\u0301.com", "٠.com", "a\u0660\u06f0.com",
]
NON_SPECIAL_AUTHORITIES = [
    "foo://a b/", "foo://[::1]x/", "git://host:99999/", "foo://a^b/", "foo://%zz/", "foo://ü/", "foo://user@/",
    "git+ssh://[::1]:22/x", "foo://a\tb/", "foo:///a", "foo://",
]
SCHEME_CONTROLS = ["ht\ttp://a.com/", "http\n://a.com/", "http://a\n.com/", "http://a.c\tom/", "h\rttps://a.com/"]

SCHEMES = ["ftp", "ws", "wss", "file", "mailto", "javascript", "data", "tel", "chrome", "blob", "git+ssh",
           "HTTP", "HTTPS", "hTtPs", "h ttp", "1http", "http+unix", "httpx", "https2"]
URL_MAX = 2083


def _host(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        labels = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
        return ".".join(labels) + "." + rng.choice(TLDS)
    if roll < 0.7:
        return rng.choice(IDN_HOSTS)
    if roll < 0.85:
        return rng.choice(IPV4_HOSTS)
    if roll < 0.95:
        return rng.choice(IPV6_HOSTS)
    return "localhost"


def _path(rng: random.Random) -> str:
    segments = ["account", "billing", "a b", "ü", "%20", "x.y", "..", ".", "", "café", "日本", "a%2Fb", "~user",
                "q=1", "a;b", "(x)", "[y]", "'z'", "\"w\"", "{v}", "|", "^", "`"]
    return "/" + "/".join(rng.choice(segments) for _ in range(rng.randint(0, 3)))


def random_url(rng: random.Random) -> str:
    scheme = rng.choice(["https", "http", "https", "HTTPS", "Http"])
    port = rng.choice(["", "", "", ":8080", ":443", ":80", ":3000", ":65535", ":0"])
    userinfo = rng.choice(["", "", "", "", "user@", "user:pass@"])
    query = rng.choice(["", "", "?x=1", "?a=b&c=d", "?q=a b", "?ü=1", "?", "?x=%zz"])
    fragment = rng.choice(["", "", "#top", "#", "#a b", "#ü"])
    return f"{scheme}://{userinfo}{_host(rng)}{port}{_path(rng)}{query}{fragment}"


def _padded(rng: random.Random, total_bytes: int, multibyte: bool) -> str:
    prefix = rng.choice(["https://example.com/", "http://a.io/x?q=", "https://bücher.example/"])
    filler = "é" if multibyte else "a"
    url = prefix
    while len(url.encode()) < total_bytes:
        url += filler if len(url.encode()) + len(filler.encode()) <= total_bytes else "a"
    return url


def url_mutation(rng: random.Random) -> Mutation:
    url = random_url(rng)
    kind = rng.choice(
        ["valid", "scheme", "scheme-form", "host", "idn", "ip", "port", "userinfo", "percent", "space",
         "backslash", "control", "nul", "surrogate", "length", "empty-host", "relative", "type", "unicode",
         "whitespace", "random", "fragment-query", "insert", "delete", "idna-edge", "non-special", "scheme-control"]
    )
    scheme_end = url.index("://")
    rest = url[scheme_end + 3 :]
    if kind == "valid":
        return kind, url
    if kind == "scheme":
        return kind, rng.choice(SCHEMES) + url[scheme_end:]
    if kind == "scheme-form":
        forms = [
            "http:" + rest, "http:/" + rest, "http:///" + rest, "https:\\\\" + rest, "https:/\\" + rest,
            "http:////" + rest, "//" + rest, "://" + rest, "https//" + rest, "https:" + "//" * 3 + rest,
            "http: //" + rest, " http://" + rest, "http;//" + rest, "hxxp://" + rest,
        ]
        return kind, rng.choice(forms)
    if kind == "host":
        return kind, f"{url[:scheme_end]}://{rng.choice(BAD_HOSTS)}{_path(rng)}"
    if kind == "idn":
        return kind, f"{url[:scheme_end]}://{rng.choice(IDN_HOSTS)}{_path(rng)}"
    if kind == "idna-edge":
        return kind, f"{url[:scheme_end]}://{rng.choice(IDNA_EDGE_HOSTS)}{_path(rng)}"
    if kind == "non-special":
        return kind, rng.choice(NON_SPECIAL_AUTHORITIES)
    if kind == "scheme-control":
        return kind, rng.choice(SCHEME_CONTROLS)
    if kind == "ip":
        return kind, f"{url[:scheme_end]}://{rng.choice(IPV4_HOSTS + IPV6_HOSTS + BAD_HOSTS[18:30])}{_path(rng)}"
    if kind == "port":
        port = rng.choice([":", ":0", ":1", ":80", ":443", ":65535", ":65536", ":-1", ":abc", ":0080", ": 80",
                           ":99999999999", ":8080:8080", ":+80", ":８０"])
        return kind, f"{url[:scheme_end]}://{rng.choice(WORDS)}.com{port}{_path(rng)}"
    if kind == "userinfo":
        info = rng.choice(["@", "user@", "user:pass@", "u@v@", ":@", "%40@", "us er@", "user:p@ss@", "ü:ö@",
                           "user:@", ":pass@", "a\\b@", "a/b@"])
        return kind, f"{url[:scheme_end]}://{info}{rng.choice(WORDS)}.com{_path(rng)}"
    if kind == "percent":
        piece = rng.choice(["%20", "%zz", "%", "%2", "%2F", "%00", "%C3%BC", "%25", "%FF", "%e2%82%ac"])
        return kind, _insert(rng, url, piece) if rng.random() < 0.5 else url + piece
    if kind == "space":
        return kind, rng.choice([_insert(rng, url, " "), url + " a", url.replace("/", " /", 1), _insert(rng, url, "  ")])
    if kind == "backslash":
        return kind, rng.choice([url.replace("/", "\\"), _insert(rng, url, "\\"), url + "\\x", url.replace("//", "\\\\", 1)])
    if kind == "control":
        c = rng.choice(CONTROLS)
        return kind, rng.choice([c + url, url + c, _insert(rng, url, c)])
    if kind == "nul":
        return kind, rng.choice(["\x00" + url, url + "\x00", _insert(rng, url, "\x00")])
    if kind == "surrogate":
        return kind, _insert(rng, url, rng.choice(SURROGATES))
    if kind == "length":
        total = rng.randint(URL_MAX - 6, URL_MAX + 6)
        padded = _padded(rng, total, rng.random() < 0.4)
        return kind, rng.choice([padded, padded, " " * rng.randint(1, 3) + padded, padded + "\t"])
    if kind == "empty-host":
        return kind, rng.choice(["http://", "https://", "http://:80", "https://:443/x", "http://@/", "http://?q",
                                  "http://#f", "http:///", "https://@", "https://user@/", "http:", "https:",
                                  "http://[]/", "http://./", "http://../"])
    if kind == "relative":
        return kind, rng.choice(["/account", "account", "example.com/account", "//example.com/x", "?q=1", "#top",
                                  ".", "..", "./x", "www.example.com", "localhost:3000/account", "example.com:443",
                                  "", " ", url[scheme_end + 3 :]])
    if kind == "type":
        return kind, rng.choice(non_strings(rng, url))
    if kind == "unicode":
        piece = rng.choice(["ü", "日本", "é", "\u0301", "\u202e", "😀", "\ufeff", "\u00a0", "\u3000", "ß", "\u2028"])
        return kind, _insert(rng, url, piece)
    if kind == "whitespace":
        space = rng.choice([" ", "\t", "\n", "\r\n", "\x0c", "\x0b", "   "])
        return kind, rng.choice([space + url, url + space, space + url + space])
    if kind == "fragment-query":
        return kind, url + rng.choice(["?a=1#b", "#a#b", "??", "?#", "?a=b c", "#\"", "?<>", "#`", "?{}"])
    if kind == "insert":
        return kind, _insert(rng, url, odd_char(rng))
    if kind == "delete":
        return kind, _delete(rng, url)
    return "random", rng.choice(["", "h", "ht", "http", "https:", "https:/"]) + random_text(rng, 30)


# -----------------------------------------------------------------------------
# Plain strings (external ids)
# -----------------------------------------------------------------------------


def string_mutation(rng: random.Random) -> Mutation:
    valid = rng.choice(["usr_1337", "org_42", "cus_" + str(rng.randint(1, 10**9)), "a", "Acme Inc.", "42"])
    kind = rng.choice(["valid", "empty", "unicode", "whitespace", "nul", "control", "surrogate", "type", "long", "random"])
    if kind == "valid":
        return kind, valid
    if kind == "empty":
        return kind, rng.choice(["", " ", "   "])
    if kind == "unicode":
        return kind, _insert(rng, valid, rng.choice(UNICODE_LETTERS + UNICODE_DIGITS + UNICODE_SPACES + EMOJI))
    if kind == "whitespace":
        return kind, rng.choice([" " + valid, valid + " ", "\t" + valid + "\n"])
    if kind == "nul":
        return kind, rng.choice(["\x00", valid + "\x00", "\x00" + valid, _insert(rng, valid, "\x00")])
    if kind == "control":
        return kind, _insert(rng, valid, rng.choice(CONTROLS[1:]))
    if kind == "surrogate":
        return kind, _insert(rng, valid, rng.choice(SURROGATES))
    if kind == "type":
        return kind, rng.choice(non_strings(rng, valid))
    if kind == "long":
        return kind, valid * rng.randint(50, 300)
    return "random", random_text(rng, 60)


Generator = Callable[[random.Random], Mutation]
