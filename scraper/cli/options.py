"""What the user gives the CLI, checked before anything starts: the config file, ``-s`` settings, ports."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .errors import CliError, shown

#: [crawl] keys of a config file and the type each must have
CONFIG_KEYS: dict[str, tuple[type, ...]] = {
    "output": (str,), "state": (str,), "start_url": (str,), "base_url": (str,), "city": (str,),
    "programme": (str,), "user_agent": (str,), "cache": (bool,), "max_failure_rate": (int, float),
    "max_reject_rate": (int, float), "max_coverage_drop": (int, float), "min_items": (int,),
}
_RATES = ("max_failure_rate", "max_reject_rate", "max_coverage_drop")
#: settings with a whole-number default that Scrapy or we read as a float (2.5 s is fine)
_READ_AS_FLOAT = {"DOWNLOAD_TIMEOUT", "DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
                  "AUTOTHROTTLE_TARGET_CONCURRENCY", "STADTPROJEKTE_EXTRACT_TIMEOUT", "CLOSESPIDER_TIMEOUT",
                  "DNS_TIMEOUT"}


def load_config(path: str | None) -> dict:
    """A TOML file with a [crawl] table; every problem is one CliError line."""
    if not path:
        return {}
    p = Path(path)
    try:
        if p.is_dir():
            raise CliError(f"config file {shown(path)} is a folder, not a file")
        data = tomllib.loads(p.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise CliError(f"config file not found: {shown(path)}") from None
    except UnicodeDecodeError:
        raise CliError(f"config file {shown(path)} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise CliError(f"config file {shown(path)} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise CliError(f"cannot read config file {shown(path)}: {exc.strerror}") from None
    crawl = data.get("crawl", {})
    if not isinstance(crawl, dict):
        raise CliError(f"config file {shown(path)}: [crawl] must be a table")
    unknown = set(crawl) - set(CONFIG_KEYS)
    if unknown:
        raise CliError(f"config file {shown(path)}: unknown key(s) {', '.join(sorted(unknown))} "
                       f"(known: {', '.join(sorted(CONFIG_KEYS))})")
    for key, value in crawl.items():
        types = CONFIG_KEYS[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            want = " or ".join("number" if t in (int, float) else {str: "text", bool: "true/false"}[t]
                               for t in dict.fromkeys(int if t is float else t for t in types))
            raise CliError(f"config file {shown(path)}: {key} must be {want}, not {value!r}")
        if key in _RATES and not 0 <= value <= 1:
            raise CliError(f"config file {shown(path)}: {key} must be between 0 and 1, not {value!r}")
        if key == "min_items" and value < 0:
            raise CliError(f"config file {shown(path)}: min_items must not be negative")
    return crawl


def port(text: str) -> int:
    """argparse type for --port."""
    try:
        n = int(text)
    except ValueError:
        raise CliError(f"--port must be a number, not {shown(text, 40)!r}") from None
    if not 1 <= n <= 65535:
        raise CliError(f"--port must be between 1 and 65535, not {n}")
    return n


def rate(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise CliError(f"expected a number between 0 and 1, not {shown(text, 40)!r}") from None
    if not 0 <= v <= 1:
        raise CliError(f"expected a number between 0 and 1, not {v:g}")
    return v


def setting_pairs(pairs: list[str] | None) -> dict[str, str]:
    """``-s NAME=VALUE`` -> {NAME: VALUE}, each value checked against the type of the setting's default."""
    from scrapy.settings import Settings
    defaults = Settings()
    defaults.setmodule("scraper.settings", priority="project")
    out: dict[str, str] = {}
    for kv in pairs or []:
        if "=" not in kv:
            raise CliError(f"-s takes NAME=VALUE, got {shown(kv, 60)!r}")
        name, value = (x.strip() for x in kv.split("=", 1))
        if not name:
            raise CliError(f"-s takes NAME=VALUE, got {shown(kv, 60)!r}")
        default = defaults.get(name)
        try:
            if isinstance(default, bool):
                Settings({name: value}).getbool(name)
            elif isinstance(default, int):
                float(value) if name in _READ_AS_FLOAT else int(value)
            elif isinstance(default, float):
                float(value)
        except ValueError:
            kind = {bool: "true or false", int: "a whole number", float: "a number"}[type(default)]
            if name in _READ_AS_FLOAT:
                kind = "a number"
            raise CliError(f"-s {name}={shown(value, 40)}: {name} must be {kind}") from None
        out[name] = value
    if "STADTPROJEKTE_EXTRACT_WORKERS" in out:
        from ..pool import worker_count
        try:
            worker_count(out["STADTPROJEKTE_EXTRACT_WORKERS"])
        except ValueError as exc:
            raise CliError(str(exc)) from None
    return out


def output_dir(path: str) -> Path:
    try:
        out = Path(path).expanduser().resolve()
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create output folder {shown(path)}: {exc.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise CliError(f"output folder is not writable: {shown(out)}")
    return out
