"""Opens an exchange file with translate-toolkit, sets one unit's target as a translator would, and saves it.

usage: tt-resave.py IN OUT UNIT_ID TEXT
UNIT_ID names the unit: its `msgctxt` in PO, `<file original>\x04<trans-unit id>` (translate-toolkit's id) in XLIFF.
The unit is marked finished (not fuzzy, approved). Everything else is what translate-toolkit writes back.
"""
import sys

from translate.storage import factory

source, out, unit_id, text = sys.argv[1:5]
store = factory.getobject(source)
units = [u for u in store.units if u.getid() == unit_id or u.getcontext() == unit_id]
if len(units) != 1:
    sys.exit(f"{len(units)} units with id {unit_id!r} in {source}")
units[0].target = text
units[0].markfuzzy(False)
store.savefile(out)
