"""handout: structured health content plus gettext translations in, print-ready patient handout PDFs out.

The public API; every stage can be used from Python without the CLI:

    from handout import BuildOptions, build, load_project
    report = build(BuildOptions(project=Path("."), locales=("en", "es")))
"""

__version__ = "0.1.0"

from .build import BuildOptions, BuildReport, build  # noqa: E402  (needs __version__ above)
from .load import load_project  # noqa: E402

__all__ = ["BuildOptions", "BuildReport", "build", "load_project", "__version__"]
