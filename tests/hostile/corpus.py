"""Hostile files every reader of untrusted text must survive: bombs, deep nesting, huge scalars,
binary and wrong encodings. Generated, so the repository holds no megabyte fixtures.

Each case is (name, bytes). The readers (YAML content tree and lesson front matter, YAML, GIFT,
Aiken and CSV imports) must answer each with problems, quickly and in bounded memory.
"""

from __future__ import annotations

import random

MEGABYTE = 1024 * 1024


def _alias_bomb(levels: int) -> bytes:
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def _list_alias_bomb() -> bytes:
    lines = ["- id: x.q1", '  stem: &s0 ["ha"]']
    for level in range(1, 9):
        lines.append(f"  s{level}: &s{level} [" + ", ".join([f"*s{level - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _merge_bomb() -> bytes:
    lines = ["a0: &a0 {k: v}"]
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} {{<<: [*a{level - 1}, *a{level - 1}], k{level}: v}}")
    return ("\n".join(lines) + "\n").encode()


def _gbk_chinese() -> bytes:
    row = "type,stem,option_a,option_b,answer,explanation\n单选,服务的特性是（  ）,无形性,有形性,A,解析\n"
    return row.encode("gbk")


def _random_bytes() -> bytes:
    generator = random.Random(20261206)
    return bytes(generator.getrandbits(8) for _ in range(64 * 1024))


def cases() -> list[tuple[str, bytes]]:
    return [
        ("alias bomb, 8 levels (429 bytes)", _alias_bomb(8)),
        ("alias bomb, 7 levels", _alias_bomb(7)),
        ("alias bomb inside a question list", _list_alias_bomb()),
        ("merge-key bomb", _merge_bomb()),
        ("self-referencing alias", b"a: &x [1, *x]\n"),
        ("30,000 [", b"[" * 30_000),
        ("1,000 [ then 1,000 ]", b"[" * 1000 + b"]" * 1000),
        ("'- ' 5,000 times", b"- " * 5000),
        ("'{a: ' 3,000 times", b"{a: " * 3000),
        ("30,000 {", b"{" * 30_000),
        ("deep block indentation", "".join(" " * i + "- x:\n" for i in range(0, 4000, 2)).encode()),
        ("huge scalar, 1.9 MB", b"stem: " + b"a" * (19 * MEGABYTE // 10) + b"\n"),
        ("oversized file, 5 MB", b"- " + b"x" * (5 * MEGABYTE) + b"\n"),
        ("one line of 'a,' 200,000 times", b"a," * 200_000),
        (
            "a quoted CSV cell of 1.5 MB",
            b'type,stem,explanation\nsingle,"' + b"q" * (3 * MEGABYTE // 2) + b'",x\n',
        ),
        ("10,000 CSV columns", b",".join(b"c%d" % i for i in range(10_000)) + b"\n"),
        ("unterminated CSV quote", b'type,stem,explanation\nsingle,"never closed\n' * 2000),
        ("100,000 GIFT braces", b"::t::stem {" * 100_000),
        ("GIFT escapes, 1 MB", b"::t:: " + b"\\" * MEGABYTE + b" {=a ~b}\n"),
        ("GIFT answers, 50,000", b"q {" + b"~x " * 50_000 + b"=y}\n"),
        ("GIFT titles, 100,000 colons", b":" * 100_000 + b" {T}\n"),
        ("Aiken, 100,000 option lines", b"stem\n" + b"A. x\n" * 100_000 + b"ANSWER: A\n"),
        ("NUL bytes", b"- id: a\x00b\n  stem: \x00\x00\n"),
        ("random binary, 64 KB", _random_bytes()),
        ("PNG header", b"\x89PNG\r\n\x1a\n" + b"\x00" * 1024),
        ("GBK-encoded Chinese", _gbk_chinese()),
        ("UTF-16 with BOM", "- id: a\n  stem: 题\n".encode("utf-16")),
        ("Python object tag", b"- !!python/object/apply:os.system ['true']\n"),
        ("binary tag, 1 MB", b"x: !!binary " + b"QUFB" * (MEGABYTE // 4) + b"\n"),
        ("lesson front matter bomb", b"---\n" + _alias_bomb(8) + b"---\n# body\n"),
        ("lesson front matter never closed", b"---\nid: x\n" + b"title: t\n" * 50_000),
        ("many short lines, 1 MB", b"\n" * MEGABYTE),
    ]
