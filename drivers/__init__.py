"""Device drivers: card readers, barcode scanners, receipt printers.

Drivers emit plain strings (card UIDs, barcodes) and know nothing of children or prices.
They import neither Qt nor pos_app (checked by import-linter).
"""
