"""ecoboard.renderer: numpy frames, bitmap fonts, layouts, pages and sinks for the 128x64 panel.

Pages are pure functions ``(canvas, ctx) -> None`` registered in :data:`PAGES`; page modules may import
these names from ``ecoboard.renderer`` (they are bound before the pages package is imported).
"""

from ._canvas import HEIGHT, WIDTH, Align, Canvas, Color, TextBox, rgb
from ._context import KindHealth, PageContext
from ._fonts import (
    Font,
    available_fonts,
    clear_text_cache,
    fit_text,
    font_load_count,
    get_font,
    scroll_offset,
)
from ._frame import FrameRenderer, brightness_lut
from ._icons import ICON_SIZES, get_icon
from ._layout import Element, Layout, get_layout, layout_load_count
from ._matrix import MatrixSink, open_sink, sink_problem
from ._registry import (
    PAGE_KEYS,
    PAGE_KINDS,
    PAGE_OPTIONS,
    PAGES,
    FrameKey,
    OptionCheck,
    PageFn,
    boolean,
    every_minute,
    every_second,
    number_at_least,
    one_of,
    page_option_errors,
    page_spec_errors,
    records_only,
    register_page,
    text_or_number,
)
from ._sinks import GifSink, LatestFrame, NullSink, PngSink, Sink, png_bytes
from ._units import (
    clock_text,
    compass,
    format_temp,
    hour_text,
    local_time,
    speed,
    speed_unit,
    temp_unit,
    temperature,
)
from ._widgets import age_text, draw_waiting, record_data

# isort: split
# Registers every page; must come after the names above, which page modules may import.
from . import pages
from .pages._wifi import prepare_wifi_pages

__all__ = [
    "HEIGHT",
    "ICON_SIZES",
    "PAGES",
    "PAGE_KEYS",
    "PAGE_KINDS",
    "PAGE_OPTIONS",
    "WIDTH",
    "Align",
    "Canvas",
    "Color",
    "Element",
    "Font",
    "FrameKey",
    "FrameRenderer",
    "GifSink",
    "KindHealth",
    "LatestFrame",
    "Layout",
    "MatrixSink",
    "NullSink",
    "OptionCheck",
    "PageContext",
    "PageFn",
    "PngSink",
    "Sink",
    "TextBox",
    "age_text",
    "available_fonts",
    "boolean",
    "brightness_lut",
    "clear_text_cache",
    "clock_text",
    "compass",
    "draw_waiting",
    "every_minute",
    "every_second",
    "fit_text",
    "font_load_count",
    "format_temp",
    "get_font",
    "get_icon",
    "get_layout",
    "hour_text",
    "layout_load_count",
    "local_time",
    "number_at_least",
    "one_of",
    "open_sink",
    "page_option_errors",
    "page_spec_errors",
    "pages",
    "png_bytes",
    "prepare_wifi_pages",
    "record_data",
    "records_only",
    "register_page",
    "rgb",
    "scroll_offset",
    "sink_problem",
    "speed",
    "speed_unit",
    "temp_unit",
    "temperature",
    "text_or_number",
]
