"""ScaleCast's Python client: log training runs without blocking them, and query laws, forecasts and alerts."""

from .adapters import HuggingFaceCallback, LightningLogger
from .client import Run, ScaleCast
from .errors import RefusedError, ScaleCastError, UnavailableError

__all__ = ["ScaleCast", "Run", "HuggingFaceCallback", "LightningLogger", "ScaleCastError", "RefusedError",
           "UnavailableError"]
__version__ = "0.1.0"
