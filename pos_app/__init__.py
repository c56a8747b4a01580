"""Club kiosk: offline-first point of sale for cashless child payments in after-school clubs."""

__version__ = "0.1.0"
