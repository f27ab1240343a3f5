"""Build hook: compile the gettext catalogues (reseau/locale/*/LC_MESSAGES/*.po) to .mo
files in the wheel, so that an installed reseau reads them with the standard library's
gettext; a source checkout (or an editable install) reads the .po files with Babel."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]  # generic in hatchling
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        out = Path(tempfile.mkdtemp(prefix="reseau-mo-"))
        for po in sorted(Path(self.root, "reseau", "locale").glob("*/LC_MESSAGES/*.po")):
            lang = po.parent.parent.name
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang, domain=po.stem)
            mo = out / lang / f"{po.stem}.mo"
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as handle:
                write_mo(handle, catalog)
            target = f"reseau/locale/{lang}/LC_MESSAGES/{po.stem}.mo"
            build_data["force_include"][str(mo)] = target
