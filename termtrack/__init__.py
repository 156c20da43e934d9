"""termtrack: find China's partnership labels in dated statements and build timelines from them."""

__version__ = "0.1.0"
